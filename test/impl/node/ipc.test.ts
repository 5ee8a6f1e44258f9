import { describe, expect, it } from 'vitest';
import { parseLauncherToNode, parseNodeToLauncher } from '../../../impl/node/ipc.js';

describe('IPC messages between the launcher and a node', () => {
  it('pass what each side sends', () => {
    expect(parseLauncherToNode({ type: 'input', input: 3 })).toEqual({ type: 'input', input: 3 });
    expect(parseLauncherToNode({ type: 'stop' })).toEqual({ type: 'stop' });
    expect(parseNodeToLauncher({ type: 'ready', incarnation: 1 })).toEqual({ type: 'ready', incarnation: 1 });
    expect(parseNodeToLauncher({ type: 'effect', effect: { kind: 'observe', observation: 'commit@0' } })).toMatchObject({ type: 'effect' });
  });

  it('turn anything else into an error saying why, never a throw', () => {
    expect(parseLauncherToNode(null)).toEqual({ error: 'not an object (null)' });
    expect(parseLauncherToNode({ type: 'reboot' })).toEqual({ error: 'unknown message type "reboot"' });
    expect(parseNodeToLauncher({ type: 'ready' })).toEqual({ error: 'ready without an incarnation' });
    expect(parseNodeToLauncher({ type: 'effect', effect: 7 })).toEqual({ error: 'effect without an effect kind' });
    expect(parseNodeToLauncher({ type: 'stats', incarnation: 0, steps: 1 })).toEqual({ error: 'stats without their counters' });
  });
});
