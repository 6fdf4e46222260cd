import { describe, expect, it } from "vitest";
import {
  type AddressSpace,
  ANON,
  type Backing,
  emptySpace,
  fault,
  type MmapRequest,
  mmap,
  mprotect,
  type SpaceConfig,
} from "../../../src/model/address-space/index.js";
import { mappingText } from "./mapping-text.js";

const cfg: SpaceConfig = { taskPages: 64, guardPages: 4, startBrk: 40 };
const RW = 3;
const R = 1;
const dev = (pgoff: number): Backing => ({ kind: "file", file: 1, pgoff, close: true });

function req(addr: number, len: number, extra: Partial<MmapRequest> = {}): MmapRequest {
  return { addr, len, prot: RW, mode: "fixed", backing: ANON, grows: "none", ...extra };
}

type Step = (s: AddressSpace) => AddressSpace;
const map =
  (r: MmapRequest): Step =>
  (s) =>
    mmap(s, cfg, r).space;
const write =
  (p: number): Step =>
  (s) =>
    fault(s, p).space;
const protect =
  (start: number, end: number, prot: number): Step =>
  (s) =>
    mprotect(s, start, end, prot).space;
const texts = (...steps: Step[]) =>
  steps.reduce((s, f) => f(s), emptySpace(cfg)).mappings.map(mappingText);

describe("merges keep every address's identity", () => {
  it("a new range joins one anon_vma'd neighbour, not two different ones", () => {
    expect(texts(map(req(1, 2)), write(1), map(req(5, 2)), write(5), map(req(3, 2)))).toEqual([
      "0x1-0x5 rw- anon acct av1",
      "0x5-0x7 rw- anon acct av2",
    ]);
  });

  it("a write fault shares a neighbour's anon_vma, so the two still merge after mprotect", () => {
    const RWX = 7;
    const steps = [map(req(1, 4)), protect(3, 5, RWX), write(1), write(3)];
    expect(texts(...steps)).toEqual(["0x1-0x3 rw- anon acct av1", "0x3-0x5 rwx anon acct av1"]);
    expect(texts(...steps, protect(3, 5, RW))).toEqual(["0x1-0x5 rw- anon acct av1"]);
  });

  it("a range with an anon_vma does not merge into a neighbour without one", () => {
    const steps = [map(req(1, 2)), write(1), map(req(3, 2, { prot: R })), protect(3, 5, RW)];
    expect(texts(...steps)).toEqual(["0x1-0x5 rw- anon acct av1"]);
    const back = [map(req(1, 2)), write(1), map(req(3, 2)), protect(1, 3, R)];
    expect(texts(map(req(3, 2, { prot: R })), ...back.slice(0, 2), protect(1, 3, R))).toEqual([
      "0x1-0x3 r-- anon acct av1",
      "0x3-0x5 r-- anon",
    ]);
  });

  it("never merges a device's mapping (close hook) away", () => {
    const a = texts(
      map(req(1, 2, { prot: R, backing: dev(1) })),
      map(req(5, 2, { prot: R, backing: dev(5) })),
      map(req(3, 2, { prot: R, backing: dev(3) })),
    );
    expect(a).toEqual(["0x1-0x5 r-- dev1@0x1", "0x5-0x7 r-- dev1@0x5"]);
    const whole = texts(
      map(req(1, 2, { backing: dev(1) })),
      map(req(3, 2, { prot: R, backing: dev(3) })),
      protect(3, 5, RW),
    );
    expect(whole).toEqual(["0x1-0x3 rw- dev1@0x1 acct", "0x3-0x5 rw- dev1@0x3 acct"]);
    // Part of one: the neighbour grows over it, nothing is removed.
    const part = texts(map(req(1, 4, { backing: dev(1) })), protect(3, 5, R), protect(2, 3, R));
    expect(part).toEqual(["0x1-0x2 rw- dev1@0x1 acct", "0x2-0x5 r-- dev1@0x2 acct"]);
  });
});
