/**
 * The JSON reporter: the result of a check as one object, for scripts.
 *
 * ```json
 * { "spec": "twophase", "params": { "rms": 3 }, "verdict": "holds",
 *   "stats": { "initial": 1, "generated": 1146, "distinct": 288, "depth": 11, "seconds": 0.01, ... },
 *   "properties": [ { "name": "TCConsistent", "kind": "always", "verdict": "holds" }, ... ],
 *   "violations": [ { "property": "...", "kind": "always", "trace": [ { "action": null, "label": "init", "state": {} } ] } ],
 *   (a temporal property's violation also has "loop": { "start": 3, "stutter": false }: see Finding.loop)
 *   "witnesses": [ ... ] }
 * ```
 * States are in their JSON-safe form (sets and maps as arrays in canonical order).
 *
 * @module
 */
import { toPlain } from '../../model/core/index.js';
import type { CheckResult, Finding } from '../result.js';

/** The JSON form of a finding. */
function findingJson(f: Finding): object {
  return {
    property: f.property,
    kind: f.kind,
    ...(f.message !== undefined ? { message: f.message } : {}),
    trace: f.trace.map((s) => ({ action: toPlain(s.action), label: s.label, state: toPlain(s.state) })),
    ...(f.loop !== undefined ? { loop: f.loop } : {}),
  };
}

/** The JSON report of a check of `spec` with `params`. */
export function resultJson(spec: string, params: Readonly<Record<string, string | number>>, r: CheckResult): object {
  return {
    spec,
    params,
    verdict: r.verdict,
    ...(r.stoppedBy !== undefined ? { stoppedBy: r.stoppedBy } : {}),
    ...(r.stopReason !== undefined ? { stopReason: r.stopReason } : {}),
    stats: r.stats,
    properties: r.properties,
    violations: r.violations.map(findingJson),
    witnesses: r.witnesses.map(findingJson),
  };
}
