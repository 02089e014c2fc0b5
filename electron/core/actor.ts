import type { CustodyActor } from '../../shared/schemas/custody';

/** Who acts: the reviewer's name (when given) and the OS user (when known). At least one is set. */
export type Actor = CustodyActor;

/** "Ana Silva (ana)", "Ana Silva" or "ana": how provenance and the UI name an actor. */
export function actorLabel(actor: Actor): string {
  if (actor.name && actor.os_user) return `${actor.name} (${actor.os_user})`;
  return actor.name ?? actor.os_user ?? 'unknown';
}
