import { it } from "vitest";
import { isNode, type MapleNode } from "../../../src/impl/node.js";
import { dataEnd, markNodeDead, readPivot, readRoot, readSlot } from "../../../src/impl/node-access.js";
import { mtValidateImpl } from "../../../src/impl/read/api.js";
import { MapleTree } from "../../../src/impl/tree.js";
import { printNodes } from "./print-nodes.js";
it("dbg", () => {
  for (const flags of [0, 1]) {
    const t = new MapleTree({ flags });
    for (let i = 1n; i <= 40n; i++) t.store(i * 10n, i * 10n + 4n, i);
    console.log(printNodes(t));
    const r = readRoot(t) as MapleNode;
    const leaf = readSlot(t.mem, r, 1) as MapleNode;
    markNodeDead(t, leaf);
    console.log(mtValidateImpl(t).map((v) => `${v.kind}:${v.check}:${v.line} ${v.detail}`).join("\n"));
  }
});
