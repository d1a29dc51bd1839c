/**
 * A local RealAuction-like site (node:http on 127.0.0.1, port 0) serving the saved fixture pages
 * (test/fixtures/public-records): the `Zmethod=UPDATE&FNC=LOAD` JSON answer, a page of decoded auction items,
 * a calendar page without items and a robots.txt that disallows `/private/`. Requests are
 * logged with their headers.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/public-records/${name}`, import.meta.url), 'utf8');

export interface FakeRealAuctionSite {
  origin: string;
  /** `index.cfm?zaction=AUCTION&Zmethod=UPDATE&FNC=LOAD…`: tax-deed items 88001 and 88002 (JSON, compressed). */
  updateUrl: string;
  /** Foreclosure items 1495934 and 1495935 (HTML). */
  itemsUrl: string;
  /** A calendar page: no items (they are loaded by script). */
  calendarUrl: string;
  /** Disallowed by robots.txt. */
  privateUrl: string;
  requests: Array<{ path: string; headers: Record<string, string | string[] | undefined> }>;
  /** Status robots.txt answers with (200 serves the rules). */
  robotsStatus: number;
  close(): Promise<void>;
}

export async function startRealAuctionSite(): Promise<FakeRealAuctionSite> {
  const update = fixture('realauction-update.json');
  const items = `<html><body>${fixture('realauction-items.html')}</body></html>`;
  const site = { requests: [] as FakeRealAuctionSite['requests'], robotsStatus: 200 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    site.requests.push({ path: `${url.pathname}${url.search}`, headers: req.headers });
    if (url.pathname === '/robots.txt') {
      res.writeHead(site.robotsStatus, { 'Content-Type': 'text/plain' });
      return res.end(site.robotsStatus === 200 ? 'User-agent: *\nDisallow: /private/\n' : 'error');
    }
    if (url.pathname === '/index.cfm' && /^update$/i.test(url.searchParams.get('Zmethod') ?? '')) {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      return res.end(update);
    }
    if (url.pathname === '/items.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(items);
    }
    if (url.pathname === '/index.cfm') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<html><body><div id="CALDAYBOX"></div></body></html>');
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    updateUrl: `${origin}/index.cfm?zaction=AUCTION&Zmethod=UPDATE&FNC=LOAD&AREA=W&PageDir=0&doR=1&bypassPage=0`,
    itemsUrl: `${origin}/items.html`,
    calendarUrl: `${origin}/index.cfm?zaction=user&zmethod=calendar`,
    privateUrl: `${origin}/private/list`,
    get requests() {
      return site.requests;
    },
    get robotsStatus() {
      return site.robotsStatus;
    },
    set robotsStatus(s: number) {
      site.robotsStatus = s;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
