/**
 * The FIFO reliable link over an unordered, lossy, duplicating network, and its mutant that delivers on
 * arrival. (No `duplicates` budget: the network duplicates every message freely.)
 *
 * @module
 */
import { fifoLink } from '../model/protocols/fifo-link/fifoLink.js';
import type { FifoLinkOptions } from '../model/protocols/fifo-link/fifoLink.js';
import { intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const params = [
  intParam('messages', 'messages the client sends', 3, 1, 4),
  intParam('drops', 'fault budget: messages lost', 1, 0, 3),
  intParam('crashes', 'fault budget: crashes (the link keeps no durable state, so any crash breaks it)', 0, 0, 1),
];

function build(mutation: FifoLinkOptions['mutation']) {
  return (p: Params) => fifoLink({ messages: p['messages'] as number, drops: p['drops'] as number, crashes: p['crashes'] as number, mutation });
}

/** The FIFO-link entries of the catalogue. */
export const fifoLinkSpecs: readonly Spec[] = [
  {
    id: 'fifo-link',
    description: 'FIFO reliable link: sequence numbers, retransmission, hold-back and duplicate rejection; fifoDelivery, noDuplicateDelivery',
    params,
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'fifo-link-deliver-on-arrival',
    description: 'fifo-link whose receiver delivers every message as it arrives',
    params,
    build: build('deliver-on-arrival'),
    expected: 'violated:noDuplicateDelivery',
    mutantOf: 'fifo-link',
  },
];
