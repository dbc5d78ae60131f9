/*
 * The lifecycle of jobs waited for by a wait condition: the engine and the
 * Bedrock emulator on one emulated time (the emulator's clock, moved only by
 * the engine's waiting), the emulator's job state-change events delivered to
 * the stack's rules.
 */
import { Duration } from 'aws-cdk-lib';
import { Lifecycle } from './harness';
import { EventSource } from '../../emulator/bedrock';
import { ExternalClock, LocalCloudFormation } from '../../emulator/cloudformation';

export const HOUR = 3600;

/** An engine whose time is the emulator's (stopped between its steps), with the emulator's events. */
export function longWaitEngine(lifecycle: Lifecycle, hooks: EventSource[] = []): LocalCloudFormation {
  const { emulator } = lifecycle;
  emulator.clock.acceleration = 0;
  // The hooks run first: what they do at a step is seen by the events drained at that step.
  return lifecycle.engine({ clock: new ExternalClock(emulator.clock), eventSources: [...hooks, emulator.events] });
}

/** A hook that runs `act` once, at the first step at or after `at` seconds from now. */
export function at(lifecycle: Lifecycle, seconds: number, act: () => void): EventSource {
  const time = lifecycle.emulator.clock.now().getTime() + seconds * 1000;
  let done = false;
  return {
    drain: (now) => {
      if (!done && now.getTime() >= time) {
        done = true;
        act();
      }
      return [];
    },
  };
}

export const waitHours = (hours: number) => ({ completionTimeout: Duration.hours(hours) });
