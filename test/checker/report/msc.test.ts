import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { renderMsc } from '../../../checker/report/msc.js';
import { defineModel, s } from '../../../model/core/index.js';
import { findSpec, defaults } from '../../../specs/index.js';
import { pingSystem } from '../../model/actors/ping.js';
import { walk } from '../../model/actors/walk.js';

describe('renderMsc', () => {
  it('draws the classic causality violation: one participant per node, sends, deliveries and notes', () => {
    const spec = findSpec('causal-bss-deliver-on-arrival');
    const model = spec.build(defaults(spec));
    const trace = checkSync(model).violations[0]!.trace;
    expect(renderMsc(model, trace)).toBe(
      [
        'sequenceDiagram',
        '  participant n0 as A',
        '  participant n1 as B',
        '  participant n2 as C',
        '  %% 0. init',
        '  %% 1. input  A : multicast',
        '  Note over n0: input multicast',
        '  n0--)n1: m[1,0,0]',
        '  n0--)n2: m[1,0,0]',
        '  %% 2. deliver  A -> C : m[1,0,0]',
        '  n0->>n2: m[1,0,0]',
        '  Note over n2: deliver m[1,0,0] from A',
        '  %% 3. input  C : multicast',
        '  Note over n2: input multicast',
        '  n2--)n0: m[1,0,1]',
        '  n2--)n1: m[1,0,1]',
        '  %% 4. deliver  C -> B : m[1,0,1]',
        '  n2->>n1: m[1,0,1]',
        '  Note over n1: deliver m[1,0,1] from C',
        '',
      ].join('\n'),
    );
  });

  it('draws the messages of the initial state as sent, losses as crossed arrows, crashes as notes', () => {
    const model = pingSystem(1, { kind: 'unordered', lossy: true, capacity: 2 }, { drops: 1, crashes: 1 });
    const trace = walk(model, ['deliver  A -> B : Ping(n=0)', 'drop  B -> A : Pong(n=0)', 'crash  B']);
    expect(renderMsc(model, trace).split('\n')).toEqual([
      'sequenceDiagram',
      '  participant n0 as A',
      '  participant n1 as B',
      '  %% 0. init',
      '  n0--)n1: Ping(n=0)',
      '  %% 1. deliver  A -> B : Ping(n=0)',
      '  n0->>n1: Ping(n=0)',
      '  n1--)n0: Pong(n=0)',
      '  %% 2. drop  B -> A : Pong(n=0)',
      '  n1--xn0: lost Pong(n=0)',
      '  %% 3. crash  B',
      '  Note over n1: crash',
      '',
    ]);
  });

  it('falls back to one note per step for a model without events', () => {
    const counter = defineModel(s.record({ n: s.int(0, 1) }))({
      name: 'counter',
      initialStates: () => [{ n: 0 }],
      actions: () => ['inc'],
      next(st, _a, out) {
        if (st.n === 1) return false;
        out.n = 1;
        return true;
      },
      properties: [],
    });
    const trace = [
      { action: null, label: 'init', state: { n: 0 } },
      { action: 'inc', label: 'inc; more', state: { n: 1 } },
    ];
    expect(renderMsc(counter, trace)).toBe(['sequenceDiagram', '  participant n0 as counter', '  %% 0. init', '  %% 1. inc#59; more', '  Note over n0: inc#59; more', ''].join('\n'));
  });
});
