import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';
import { classifyStream, classifyText } from './classify.js';

describe('curb classify', () => {
  it('reads one reply into the documented shape', () => {
    expect(classifyText('Tame me off yoyr list')).toMatchObject({ intent: 'opt_out', confidence: 1, optOut: true, help: false, optIn: false });
    expect(Object.keys(classifyText('⛵️')).sort()).toEqual(['confidence', 'help', 'intent', 'objection', 'optIn', 'optOut', 'sentiment']);
    expect(classifyText('HELP')).toMatchObject({ help: true, optOut: false });
    expect(classifyText('Not interested').sentiment).toBeLessThan(0);
  });

  it('--batch streams JSON Lines in order, one result per line, a bad line answered in its place', async () => {
    const texts = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? 'STOP' : i % 3 === 1 ? 'how much u offering' : 'Sold it'));
    const input = Readable.from([`${texts.map((t) => JSON.stringify({ text: t })).join('\n')}\nnot json\n${JSON.stringify({ text: 'who is this?' })}\n`]);
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (d: Buffer) => chunks.push(d.toString()));
    const r = await classifyStream(input, output);
    expect(r).toEqual({ lines: 3002, errors: 1 });
    const lines = chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as { intent?: string; error?: string; line?: number });
    expect(lines).toHaveLength(3002);
    expect(lines.slice(0, 3).map((l) => l.intent)).toEqual(['opt_out', 'interested', 'wrong_number']);
    expect(lines[2999]?.intent).toBe('wrong_number');
    expect(lines[3000]).toMatchObject({ line: 3001 });
    expect(lines[3001]?.intent).toBe('question');
  });

  it('runs as a command', async () => {
    const one = await runCli(['classify', 'Sold it'], {});
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ intent: 'wrong_number' });
    const batch = await runCli(['classify', '--batch'], {}, '{"text":"yes call me"}\n{"text":"stop"}\n');
    expect(batch.stdout.trim().split('\n').map((l) => JSON.parse(l).intent)).toEqual(['interested', 'opt_out']);
  });
});
