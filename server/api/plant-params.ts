import { z } from 'zod';
import { Slug } from '../../src/protocol/common.ts';

/** The `:plant` of a path. */
export const PlantParams = z.strictObject({ plant: Slug });
