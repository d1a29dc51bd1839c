import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { countSegments } from '../../domain/messages/count-segments.js';
import { estimateCost } from '../../domain/messages/estimate-cost.js';
import { channelPricesFromConfig } from '../../services/messages/llm-from-config.js';
import { type OutputOptions, writeResult } from '../output.js';

export function registerSms(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const sms = program.command('sms').description('SMS tools');
  sms
    .command('segments <text>')
    .description('how a text is encoded and split (GSM-7 160/153, UCS-2 70/67) and what it costs')
    .action((text: string) =>
      run(async (o) => {
        const c = countSegments(text);
        const { usd } = estimateCost({ channel: 'sms', segments: c.segments, prices: channelPricesFromConfig(loadConfig()) });
        writeResult(o, { encoding: c.encoding, segments: c.segments, characters: c.characters, cost: { usd } }, () =>
          [
            `${c.segments} segment${c.segments === 1 ? '' : 's'}, ${c.encoding}, ${c.characters} characters (${c.units} ${c.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units'}; ${c.unitsPerSegment} per segment) — $${usd}`,
            ...(c.nonGsmChars.length > 0 ? [`not in GSM-7 (forces UCS-2): ${c.nonGsmChars.join(' ')}`] : []),
          ].join('\n'),
        );
      }),
    );
}
