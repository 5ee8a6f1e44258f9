/**
 * The sequence-diagram reporter: renders a trace as a Mermaid `sequenceDiagram`
 * (https://mermaid.js.org/syntax/sequenceDiagram.html), pasteable into any Markdown viewer that renders
 * Mermaid — a message sequence chart of a counterexample.
 *
 * It knows no protocol: it draws the protocol-agnostic events a model reports through `Model.events`
 * (see `ModelEvent` in model/core), one participant per node of `Model.participants`:
 *
 * | event | drawn as |
 * |---|---|
 * | `send` | dotted arrow with an open head, `P1--)C: Vote(yes)` (the message leaves) |
 * | `deliver` | solid arrow, `P1->>C: Vote(yes)` (it arrives; the handler runs) |
 * | `drop` | dotted arrow ending in a cross, `P1--xC: lost Vote(yes)` |
 * | `duplicate` | a note over both ends |
 * | `crash`, `recover`, `timeout`, `local` | a note over the node |
 *
 * Each step opens with a Mermaid comment naming it (`%% 3. deliver  P1 -> C : Vote(yes)`), so a diagram
 * can be read against the text trace. A model without events gets one note per step.
 *
 * @example
 * ```ts
 * const r = checkSync(model);
 * console.log(renderMsc(model, r.violations[0]!.trace));
 * // sequenceDiagram
 * //   participant n0 as C
 * //   ...
 * ```
 *
 * @module
 */
import type { AnyModel, ModelEvent } from '../../model/core/index.js';
import type { Loop, TraceStep } from '../result.js';

/** Text safe inside a Mermaid statement: `;` and `#` are syntax there, line breaks end a statement. */
function text(s: string): string {
  return s.replace(/#/g, '#35;').replace(/;/g, '#59;').replace(/[\r\n]+/g, ' ');
}

/** The events of each step of `trace` (index 0: the initial state). */
function eventsOf(model: AnyModel, trace: readonly TraceStep[]): (readonly ModelEvent[] | null)[] {
  return trace.map((step, k) => {
    if (!model.events) return null;
    return k === 0 ? model.events(null, undefined, step.state) : model.events(step.action, trace[k - 1]!.state, step.state);
  });
}

/**
 * Renders `trace` (from a check of `model`) as a Mermaid sequence diagram. A lasso's `loop` shows: the steps
 * that repeat forever inside a `loop` block, or a note that the behaviour stays in its last state.
 */
export function renderMsc(model: AnyModel, trace: readonly TraceStep[], loop?: Loop): string {
  const perStep = eventsOf(model, trace);
  const names: string[] = [...(model.participants ?? [])];
  const add = (n: string) => {
    if (!names.includes(n)) names.push(n);
  };
  for (const evs of perStep) {
    for (const e of evs ?? []) {
      if ('node' in e) add(e.node);
      else {
        add(e.from);
        add(e.to);
      }
    }
  }
  const fallback = names[0] ?? model.name;
  add(fallback);
  const ids = new Map(names.map((n, i) => [n, `n${i}`]));
  const id = (n: string) => ids.get(n)!;

  const lines = ['sequenceDiagram'];
  for (const n of names) lines.push(`  participant ${id(n)} as ${text(n)}`);
  const everyone = names.length > 1 ? `${id(names[0]!)},${id(names[names.length - 1]!)}` : id(fallback);
  trace.forEach((step, k) => {
    if (loop !== undefined && !loop.stutter && k === loop.start + 1) lines.push(`  loop steps ${loop.start + 1}-${trace.length - 1} repeat forever`);
    lines.push(`  %% ${k}. ${text(step.label)}`);
    const evs = perStep[k];
    if (evs === null || evs === undefined) {
      if (k > 0) lines.push(`  Note over ${id(fallback)}: ${text(step.label)}`);
      return;
    }
    for (const e of evs) {
      switch (e.kind) {
        case 'send':
          lines.push(`  ${id(e.from)}--)${id(e.to)}: ${text(e.label)}`);
          break;
        case 'deliver':
          lines.push(`  ${id(e.from)}->>${id(e.to)}: ${text(e.label)}`);
          break;
        case 'drop':
          lines.push(`  ${id(e.from)}--x${id(e.to)}: lost ${text(e.label)}`);
          break;
        case 'duplicate':
          lines.push(`  Note over ${e.from === e.to ? id(e.from) : `${id(e.from)},${id(e.to)}`}: duplicated ${text(e.label)}`);
          break;
        case 'crash':
        case 'recover':
        case 'timeout':
        case 'local':
          lines.push(`  Note over ${id(e.node)}: ${text(e.label)}`);
          break;
      }
    }
  });
  if (loop !== undefined && !loop.stutter) lines.push('  end');
  if (loop?.stutter === true) lines.push(`  Note over ${everyone}: stays in this state forever (no fair action is enabled)`);
  return lines.join('\n') + '\n';
}
