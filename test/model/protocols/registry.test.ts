/**
 * A walk over the registry: every protocol's front door is well formed, every variant is in the
 * catalogue with a verdict, every model is named after its variant, and every deployment builds a system
 * whose topology, timers and client agree with it.
 */
import { describe, expect, it } from 'vitest';
import { NO_FAULTS, resolveDeploymentParams } from '../../../model/actors/index.js';
import { defaults } from '../../../model/core/index.js';
import { deployments, entries, protocols } from '../../../model/protocols/registry.js';
import { catalogue, verdicts } from '../../../specs/index.js';

describe('the registry', () => {
  it('lists each protocol once, and each variant id once, as the catalogue does', () => {
    expect(new Set(protocols.map((p) => p.id)).size).toBe(protocols.length);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(catalogue.map((s) => s.id)).toEqual(entries.map((e) => e.id));
    expect(Object.keys(verdicts).sort()).toEqual(entries.map((e) => e.id).sort());
    expect(protocols.length).toBe(27);
    expect(entries.length).toBe(83);
  });

  it.each(entries.map((e) => [e.id, e] as const))('%s builds its checking instance, named after the variant', (id, e) => {
    const model = e.build(defaults(e));
    // A variant that is the correct protocol under other defaults (token-ring-crash) is the protocol's model.
    expect(model.name).toBe(e.variant?.mutant === false ? e.protocol.id : id);
    expect(model.properties.length).toBeGreaterThan(0);
  });

  it.each(deployments.map((d) => [d.id, d] as const))('%s deploys: the system names the same nodes as its topology, every timer has a duration, the client starts', (id, d) => {
    const params = resolveDeploymentParams(d, {});
    const system = d.system(params, NO_FAULTS);
    expect(system.name).toBe(id);
    const roles = Object.entries(system.roles);
    expect(system.topology.nodes.length).toBe(roles.reduce((n, [, r]) => n + r.count, 0));
    for (const node of system.topology.nodes) expect(system.roles[node.role], node.name).toBeDefined();
    const timeouts = d.timeouts(params);
    for (const [, r] of roles) for (const t of r.actor.timers) expect(timeouts[t], `${id}: timer ${t}`).toBeGreaterThan(0);
    const inputs = d.workload(params, 1).start(1);
    for (const i of inputs) expect(i.node).toBeLessThan(system.topology.nodes.length);
  });
});
