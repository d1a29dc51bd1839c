/**
 * A DNC download as line streams, never loaded whole: a plain text/CSV file, or every file inside a zip (the
 * FTC ships area-code files zipped). Each source is read with node's readline over the file or zip entry stream.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

export interface DncSource {
  /** the zip entry's name; null for a plain file */
  entry: string | null;
  lines: AsyncIterable<string>;
}

const lines = (stream: Readable): AsyncIterable<string> => createInterface({ input: stream, crlfDelay: Infinity });

async function isZip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return bytesRead === 4 && buf.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => (err ? reject(err) : resolve(zip))));
}

async function* zipSources(path: string): AsyncGenerator<DncSource> {
  const zip = await openZip(path);
  try {
    while (true) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        const onEntry = (e: yauzl.Entry) => { cleanup(); resolve(e); };
        const onEnd = () => { cleanup(); resolve(null); };
        const onError = (e: Error) => { cleanup(); reject(e); };
        const cleanup = () => { zip.off('entry', onEntry); zip.off('end', onEnd); zip.off('error', onError); };
        zip.on('entry', onEntry);
        zip.on('end', onEnd);
        zip.on('error', onError);
        zip.readEntry();
      });
      if (entry === null) return;
      // Folders and macOS resource forks carry no numbers.
      if (entry.fileName.endsWith('/') || entry.fileName.startsWith('__MACOSX/')) continue;
      const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
      yield { entry: entry.fileName, lines: lines(stream) };
    }
  } finally {
    zip.close();
  }
}

/** The line sources of a DNC file: one for a plain file, one per file inside a zip. */
export async function* openDncSources(path: string): AsyncGenerator<DncSource> {
  if (await isZip(path)) yield* zipSources(path);
  else yield { entry: null, lines: lines(createReadStream(path)) };
}
