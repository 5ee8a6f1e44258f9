/**
 * What must be true: the verdict the default instance of every variant of every protocol must give
 * (`holds`, `deadlock`, or `violated:<property>`), by variant id. Adding a mutant to a protocol is a
 * handler seam in its folder and one line here; the catalogue refuses a variant without a line, and a
 * line without a variant.
 *
 * @module
 */
import type { Expected } from './catalogue.js';

/** The expected verdict of each variant's default instance, by variant id, in catalogue order. */
export const verdicts: Readonly<Record<string, Expected>> = {
  'twophase': 'holds',
  'twophase-eager-commit': 'violated:TCConsistent',
  'twophase-lost-commit': 'deadlock',
  'twophase-objects': 'holds',
  'twophase-objects-eager-commit': 'violated:TCConsistent',
  'tcommit': 'holds',
  'tcommit-hasty-commit': 'violated:TCConsistent',
  'twophase-log': 'holds',
  'twophase-log-vote-before-log': 'violated:agreement',
  'twophase-log-decide-before-log': 'violated:stability',
  'twophase-log-commit-on-timeout': 'violated:validity',
  'twophase-log-no-vote-timeout': 'violated:coordinatorDecides',
  'twophase-log-blocking': 'violated:participantsDecide',
  'fifo-link': 'holds',
  'fifo-link-deliver-on-arrival': 'violated:noDuplicateDelivery',
  'causal-bss': 'holds',
  'causal-bss-deliver-on-arrival': 'violated:causalDelivery',
  'semaphore-cs': 'holds',
  'semaphore-cs-init-2': 'violated:mutualExclusion(cs)',
  'semaphore-cs-no-signal': 'deadlock',
  'semaphore-cs-busy-wait': 'violated:starvationFree(P0)',
  'peterson': 'holds',
  'peterson-turn-first': 'violated:mutualExclusion(cs)',
  'peterson-turn-only': 'violated:starvationFree(P0)',
  'filter-lock': 'holds',
  'filter-lock-victim-first': 'violated:mutualExclusion(cs)',
  'bakery': 'holds',
  'bakery-no-choosing': 'violated:mutualExclusion(cs)',
  'readers-writers': 'holds',
  'readers-writers-first-reader-skips-wrt': 'violated:exclusiveWriter',
  'readers-writers-writer-starvation': 'violated:writerProgress(W0)',
  'token-channel-mutex': 'holds',
  'token-channel-mutex-two-tokens': 'violated:mutualExclusion(cs)',
  'rendezvous-mutex': 'holds',
  'rendezvous-mutex-no-release-wait': 'violated:mutualExclusion(cs)',
  'pipe': 'holds',
  'pipe-no-close': 'deadlock',
  'pipe-drop-when-full': 'violated:inOrderNoDuplicates',
  'lamport-mutex-tla': 'holds',
  'lamport-mutex-tla-no-acks': 'violated:Mutex',
  'chang-roberts-tla': 'holds',
  'chang-roberts-tla-no-lose': 'violated:Correctness',
  'central-mutex': 'holds',
  'central-mutex-grant-all': 'violated:mutualExclusion',
  'ricart-agrawala': 'holds',
  'ricart-agrawala-reply-in-cs': 'violated:mutualExclusion',
  'lamport-mutex': 'holds',
  'lamport-mutex-no-acks': 'violated:mutualExclusion',
  'token-ring': 'holds',
  'token-ring-crash': 'deadlock',
  'token-ring-regenerate': 'violated:atMostOneToken',
  'chang-roberts': 'holds',
  'chang-roberts-forward-all': 'violated:atMostOneLeader',
  'bully': 'holds',
  'bully-stubborn-leader': 'violated:quiescentSingleLeader',
};
