import type { Role } from '../../src/protocol/common.ts';
import type { OperatorCommand } from '../../src/protocol/commands.ts';

type CommandType = OperatorCommand['type'];

/** Commands each role may give (docs/design.md "Auth and security model"); engineer and admin act as supervisor here. */
const ALLOWED: Record<Role, readonly CommandType[]> = {
  viewer: [],
  operator: ['acknowledge', 'shelve', 'feedback'],
  supervisor: ['acknowledge', 'shelve', 'feedback', 'unshelve', 'out_of_service', 'return_to_service'],
  engineer: ['acknowledge', 'shelve', 'feedback', 'unshelve', 'out_of_service', 'return_to_service'],
  admin: ['acknowledge', 'shelve', 'feedback', 'unshelve', 'out_of_service', 'return_to_service'],
};

const WHAT: Record<CommandType, string> = {
  acknowledge: 'acknowledge alerts',
  shelve: 'shelve alerts',
  unshelve: 'unshelve alerts',
  out_of_service: 'take assets out of service',
  return_to_service: 'return assets to service',
  feedback: 'answer alerts',
};

/** Null when `role` may give the command, else the refusal a person reads. */
export function refuseRole(role: Role, type: CommandType): string | null {
  return ALLOWED[role].includes(type) ? null : `a ${role} may not ${WHAT[type]}`;
}
