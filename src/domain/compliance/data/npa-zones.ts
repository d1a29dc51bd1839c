/**
 * NANP geographic area codes (NPA) → candidate IANA zones and the state/province they belong to.
 *
 * Kept as a TypeScript data module so it is loaded once with the code and needs no file I/O. Built from NANPA's
 * public area-code assignments and time-zone boundaries (libphonenumber's `resources/timezones/map_data.txt` is
 * the public cross-check). Where an area code crosses a time-zone line, every zone it touches is listed: the
 * engine then allows only the hours allowed in all of them (R-TZ-INTERSECT).
 *
 * Deliberately absent (→ `unknown_time_zone`, held for a human): non-geographic codes (500, 521-533, 544,
 * 566, 577, 588, 600, 622, 700, 710, 800, 822, 833, 844, 855, 866, 877, 880-888, 900) and the other NANP
 * countries (Caribbean, Bermuda), which US/Canadian rules do not cover.
 *
 * Corrections the team asked to keep visible: 689 is an Orlando overlay of 407/321 (Eastern only); 448 is an
 * overlay of 850 and, like 850, spans the Florida Panhandle's Eastern and Central halves.
 */

const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';
const AZ = 'America/Phoenix';
const AK = 'America/Anchorage';
const ADAK = 'America/Adak';
const HI = 'Pacific/Honolulu';
const BOISE = 'America/Boise';
const DETROIT = 'America/Detroit';
const MENOMINEE = 'America/Menominee';
const INDY = 'America/Indiana/Indianapolis';
const LOUISVILLE = 'America/Kentucky/Louisville';

export interface NpaInfo {
  zones: readonly string[];
  /** USPS state / territory code, or Canadian province code */
  state: string;
}

/** [state, zones, space-separated NPAs] — zones apply to every NPA of the row. */
const ROWS: ReadonlyArray<readonly [string, readonly string[], string]> = [
  ['AL', [CT], '205 251 256 334 659 938'],
  // 907 covers the Aleutians west of 169°30′W (Hawaii-Aleutian time) as well as Alaska time.
  ['AK', [AK, ADAK], '907'],
  ['AZ', [AZ], '480 520 602 623'],
  // 928 covers the Navajo Nation, which observes daylight saving time (Mountain) unlike the rest of Arizona.
  ['AZ', [AZ, MT], '928'],
  ['AR', [CT], '327 479 501 870'],
  ['CA', [PT], '209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 738 747 760 805 818 820 831 837 840 858 909 916 925 949 951'],
  ['CO', [MT], '303 719 720 970 983'],
  ['CT', [ET], '203 475 860 959'],
  ['DE', [ET], '302'],
  ['DC', [ET], '202 771'],
  ['FL', [ET], '239 305 321 324 352 386 407 561 645 656 689 727 728 754 772 786 813 863 904 941 954'],
  // The Panhandle west of the Apalachicola river is Central; Tallahassee and the east are Eastern.
  ['FL', [ET, CT], '448 850'],
  ['GA', [ET], '229 404 470 478 678 706 762 770 912 943'],
  ['HI', [HI], '808'],
  // The panhandle north of the Salmon river is Pacific; the south is Mountain (America/Boise).
  ['ID', [BOISE, PT], '208 986'],
  ['IL', [CT], '217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872'],
  ['IN', [INDY], '260 317 463 765'],
  // Northwest (Gary, Lake/Porter/LaPorte/Jasper/Newton/Starke) and southwest (Evansville) Indiana are Central.
  ['IN', [INDY, CT], '219 574 812 930'],
  ['IA', [CT], '319 515 563 641 712'],
  ['KS', [CT], '316 913'],
  // Four western counties (Sherman, Wallace, Greeley, Hamilton) are Mountain.
  ['KS', [CT, MT], '620 785'],
  ['KY', [LOUISVILLE], '502'],
  ['KY', [ET], '859'],
  ['KY', [ET, CT], '270 364 606'],
  ['LA', [CT], '225 318 337 504 985'],
  ['ME', [ET], '207'],
  ['MD', [ET], '227 240 301 410 443 667'],
  ['MA', [ET], '339 351 413 508 617 774 781 857 978'],
  ['MI', [DETROIT], '231 248 269 313 517 586 616 679 734 810 947 989'],
  // Four Upper Peninsula counties bordering Wisconsin are Central.
  ['MI', [DETROIT, MENOMINEE], '906'],
  ['MN', [CT], '218 320 507 612 651 763 952'],
  ['MS', [CT], '228 601 662 769'],
  ['MO', [CT], '235 314 417 557 573 636 660 816'],
  ['MT', [MT], '406'],
  ['NE', [CT], '402 531'],
  ['NE', [CT, MT], '308'],
  ['NV', [PT], '702 725'],
  // West Wendover (Elko County) keeps Mountain time.
  ['NV', [PT, MT], '775'],
  ['NH', [ET], '603'],
  ['NJ', [ET], '201 551 609 640 732 848 856 862 908 973'],
  ['NM', [MT], '505 575'],
  ['NY', [ET], '212 315 329 332 347 363 516 518 585 607 624 631 646 680 716 718 838 845 914 917 929 934'],
  ['NC', [ET], '252 336 472 704 743 828 910 919 980 984'],
  ['ND', [CT, MT], '701'],
  ['OH', [ET], '216 220 234 283 326 330 380 419 436 440 513 567 614 740 937'],
  ['OK', [CT], '405 539 572 580 918'],
  ['OR', [PT], '503 971'],
  // Most of Malheur County (Ontario) is Mountain.
  ['OR', [PT, BOISE], '458 541'],
  ['PA', [ET], '215 223 267 272 412 445 484 570 582 610 717 724 814 835 878'],
  ['RI', [ET], '401'],
  ['SC', [ET], '803 821 839 843 854 864'],
  ['SD', [CT, MT], '605'],
  ['TN', [ET], '865'],
  ['TN', [CT], '615 629 731 901'],
  ['TN', [ET, CT], '423 931'],
  ['TX', [CT], '210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979'],
  // El Paso and Hudspeth counties are Mountain.
  ['TX', [MT], '915'],
  ['UT', [MT], '385 435 801'],
  ['VT', [ET], '802'],
  ['VA', [ET], '276 434 540 571 686 703 757 804 826 948'],
  ['WA', [PT], '206 253 360 425 509 564'],
  ['WV', [ET], '304 681'],
  ['WI', [CT], '262 274 353 414 534 608 715 920'],
  ['WY', [MT], '307'],
  // US territories
  ['PR', ['America/Puerto_Rico'], '787 939'],
  ['VI', ['America/St_Thomas'], '340'],
  ['GU', ['Pacific/Guam'], '671'],
  ['MP', ['Pacific/Saipan'], '670'],
  ['AS', ['Pacific/Pago_Pago'], '684'],
  // Canada (CRTC rules apply; see state-rules.ts)
  ['AB', ['America/Edmonton'], '368 403 587 780 825'],
  ['BC', ['America/Vancouver'], '604'],
  // The Peace River region (Dawson Creek, Fort St. John) and the East Kootenays keep Mountain time.
  ['BC', ['America/Vancouver', 'America/Edmonton'], '236 250 257 672 778'],
  ['MB', ['America/Winnipeg'], '204 431 584'],
  ['NB', ['America/Moncton'], '428 506'],
  ['NL', ['America/St_Johns', 'America/Goose_Bay'], '709 879'],
  ['NS', ['America/Halifax'], '782 902'],
  ['ON', ['America/Toronto'], '226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 905 942'],
  // Northwestern Ontario west of Thunder Bay is Central.
  ['ON', ['America/Toronto', 'America/Winnipeg'], '807'],
  ['QC', ['America/Toronto'], '263 354 438 450 468 514 579 819 873'],
  // Eastern Quebec includes the Magdalen Islands and the Lower North Shore (Atlantic time).
  ['QC', ['America/Toronto', 'America/Halifax'], '367 418 581'],
  // Saskatchewan stays on Central Standard all year; Lloydminster follows Alberta.
  ['SK', ['America/Regina', 'America/Edmonton'], '306 474 639'],
  // 867 is shared by Yukon, the Northwest Territories and Nunavut (Pacific-equivalent through Eastern time);
  // all three take the same CRTC rules, so the row is filed under YT.
  ['YT', ['America/Whitehorse', 'America/Yellowknife', 'America/Edmonton', 'America/Winnipeg', 'America/Toronto'], '867'],
];

function build(): ReadonlyMap<number, NpaInfo> {
  const map = new Map<number, NpaInfo>();
  for (const [state, zones, npas] of ROWS) {
    for (const npa of npas.split(' ')) {
      const n = Number(npa);
      if (map.has(n)) throw new Error(`area code ${npa} listed twice`);
      map.set(n, { state, zones: Object.freeze([...zones]) });
    }
  }
  return map;
}

/** Area code → zones and state, for every NANP geographic area code listed above. */
export const NPA_ZONES: ReadonlyMap<number, NpaInfo> = build();
