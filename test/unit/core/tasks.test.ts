import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { TaskRunner, WriteQueue } from '../../../electron/core/tasks';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('TaskRunner', () => {
  it('joins a task started twice instead of running it again', async () => {
    const runner = new TaskRunner();
    let runs = 0;
    const work = async () => {
      runs++;
      await tick();
      return 'done';
    };
    const [a, b] = await Promise.all([runner.run('t', work), runner.run('t', work)]);
    expect([a, b, runs]).toEqual(['done', 'done', 1]);
    expect(runner.size).toBe(0);
  });

  it('cancels by id with a cancelled AppError as the abort reason', async () => {
    const runner = new TaskRunner();
    let reason: unknown;
    const running = runner.run('t', (signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve((reason = signal.reason)))));
    expect(runner.cancel('t')).toBe(true);
    await running;
    expect(reason).toBeInstanceOf(AppError);
    expect((reason as AppError).code).toBe('cancelled');
    expect(runner.cancel('t')).toBe(false);
  });
});

describe('WriteQueue', () => {
  it('runs work one at a time, in order, and goes on after a failure', async () => {
    const queue = new WriteQueue();
    const log: string[] = [];
    const job = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run(job('a')), queue.run(job('b', true)), queue.run(job('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
