import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { Slug } from '../protocol/common.ts';
import { api } from './api.ts';

/**
 * `GET /api/v1/plants`: the plants and lines this person may see. The contract in src/protocol has no
 * schema for it yet, so the answer is checked here.
 */
export const PlantList = z.array(z.object({
  plant: Slug,
  lines: z.array(z.object({ line: Slug, title: z.string() })),
}));
export type PlantList = z.infer<typeof PlantList>;

export const plantsKey = ['plants'] as const;

export function usePlants() {
  return useQuery({
    queryKey: plantsKey,
    queryFn: ({ signal }) => api('/api/v1/plants', PlantList, { signal }),
    staleTime: 5 * 60_000,
  });
}
