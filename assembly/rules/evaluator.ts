/*
 * The rule evaluator: runs the table compiled by wasm-core/constitution/rule-compiler.ts (its comment gives
 * the layout) over a fact vector and resolves each principle's status (SPEC §5, resolution steps 1–4).
 * The host writes the table and constants once (rulesBuild checks them, so evaluation can skip bounds
 * checks), then per evaluation writes fact values and present flags and reads per rule flags and per
 * principle results. Evaluation allocates nothing.
 */

const FORMAT: i32 = 0x52554c31;
const HEADER: i32 = 7;
const RECORD: i32 = 8;
const MAX_DEPTH: i32 = 64;

const OP_ALL: i32 = 1;
const OP_ANY: i32 = 2;
const OP_NOT: i32 = 3;
const OP_GE: i32 = 4;
const OP_GT: i32 = 5;
const OP_LE: i32 = 6;
const OP_LT: i32 = 7;
const OP_EQ: i32 = 8;
const OP_NE: i32 = 9;
const OP_IN: i32 = 10;

const KIND_STRICT: i32 = 0;
const KIND_DEFEASIBLE: i32 = 1;

/** Rule flags written per rule row. */
export const RULE_FIRED: u8 = 1;
export const RULE_DEFEATED: u8 = 2;

export let table = new StaticArray<i32>(0);
export let constants = new StaticArray<f64>(0);
export let factValues = new StaticArray<f64>(0);
export let factPresent = new StaticArray<u8>(0);
export let ruleFlags = new StaticArray<u8>(0);
/** Per principle: status (0 respected, 1 concern, 2 violated) and the deciding rule's row, or -1. */
export let principleResults = new StaticArray<i32>(0);

let principleCount: i32 = 0;
let startsAt: i32 = 0;
let recordsAt: i32 = 0;
let codeAt: i32 = 0;
let attackAt: i32 = 0;
/** Fired bits of the principle being resolved, by local row. */
let firedBits = new StaticArray<u32>(0);

export function allocateTable(length: i32): usize {
  table = new StaticArray<i32>(max(length, 0));
  principleCount = 0;
  return changetype<usize>(table);
}

export function allocateConstants(count: i32): usize {
  constants = new StaticArray<f64>(max(count, 0));
  return changetype<usize>(constants);
}

/** Checks the table written by the host and sizes the buffers; returns 0, or a negative error code. */
export function buildTable(): i32 {
  principleCount = 0;
  const length = table.length;
  if (length < HEADER || table[0] != FORMAT) return -1;
  const slots = table[1];
  const rules = table[2];
  const principles = table[3];
  const constantCount = table[4];
  const codeLength = table[5];
  const attackWords = table[6];
  if (slots < 0 || rules < 0 || principles < 0 || codeLength < 0 || attackWords < 0) return -2;
  if (constantCount != constants.length) return -3;
  const starts = HEADER;
  const records = starts + principles + 1;
  const code = records + rules * RECORD;
  const attack = code + codeLength;
  if (i64(attack) + i64(attackWords) != i64(length)) return -4;
  if (table[starts] != 0 || table[starts + principles] != rules) return -5;
  let widest: i32 = 0;
  for (let p = 0; p < principles; p++) {
    const from = table[starts + p];
    const to = table[starts + p + 1];
    if (to < from) return -5;
    widest = max(widest, to - from);
    for (let r = from; r < to; r++) {
      const at = records + r * RECORD;
      if (table[at] != p) return -6;
      const kind = table[at + 2];
      const status = table[at + 3];
      if (kind < 0 || kind > 2 || status < 0 || status > 2) return -6;
      const start = table[at + 6];
      if (start < 0 || start >= codeLength) return -7;
      const end = checkNode(code, code + start, code + codeLength, slots, constantCount, 1);
      if (end < 0) return -7;
      const attackStart = table[at + 7];
      if (kind == KIND_DEFEASIBLE) {
        const words = (to - from + 31) >> 5;
        if (attackStart < 0 || attackStart + words > attackWords) return -8;
      }
    }
  }
  factValues = new StaticArray<f64>(slots);
  factPresent = new StaticArray<u8>(slots);
  ruleFlags = new StaticArray<u8>(rules);
  principleResults = new StaticArray<i32>(principles * 2);
  firedBits = new StaticArray<u32>((widest + 31) >> 5);
  tableBase = changetype<usize>(table);
  constantsBase = changetype<usize>(constants);
  valuesBase = changetype<usize>(factValues);
  presentBase = changetype<usize>(factPresent);
  flagsBase = changetype<usize>(ruleFlags);
  resultsBase = changetype<usize>(principleResults);
  firedBase = changetype<usize>(firedBits);
  principleCount = principles;
  startsAt = starts;
  recordsAt = records;
  codeAt = code;
  attackAt = attack;
  return 0;
}

/** Checks the node at `at` lies within [.., end) and is well formed; returns where it ends, or -1. */
function checkNode(base: i32, at: i32, end: i32, slots: i32, constantCount: i32, depth: i32): i32 {
  if (depth > MAX_DEPTH || at + 2 > end) return -1;
  const op = table[at];
  const length = table[at + 1];
  if (length < 2 || at + length > end) return -1;
  if (op == OP_ALL || op == OP_ANY) {
    if (length < 3) return -1;
    const count = table[at + 2];
    if (count < 0) return -1;
    let child = at + 3;
    for (let k = 0; k < count; k++) {
      child = checkNode(base, child, at + length, slots, constantCount, depth + 1);
      if (child < 0) return -1;
    }
    return child == at + length ? child : -1;
  }
  if (op == OP_NOT) {
    const child = checkNode(base, at + 2, at + length, slots, constantCount, depth + 1);
    return child == at + length ? child : -1;
  }
  if (op >= OP_GE && op <= OP_NE) {
    if (length != 4) return -1;
    const slot = table[at + 2];
    const index = table[at + 3];
    if (slot < 0 || slot >= slots || index < 0 || index >= constantCount) return -1;
    return at + 4;
  }
  if (op == OP_IN) {
    if (length != 5) return -1;
    const slot = table[at + 2];
    const first = table[at + 3];
    const count = table[at + 4];
    if (slot < 0 || slot >= slots || first < 0 || count < 1 || first + count > constantCount) return -1;
    return at + 5;
  }
  return -1;
}

/*
 * Evaluation reads the buffers through raw addresses taken in buildTable(): going through the managed
 * arrays would make every access spill the array to the runtime's shadow stack, several times slower.
 */
let tableBase: usize = 0;
let constantsBase: usize = 0;
let valuesBase: usize = 0;
let presentBase: usize = 0;
let flagsBase: usize = 0;
let resultsBase: usize = 0;
let firedBase: usize = 0;

function at(index: i32): i32 {
  return load<i32>(tableBase + ((<usize>index) << 2));
}

function constantAt(index: i32): f64 {
  return load<f64>(constantsBase + ((<usize>index) << 3));
}

function flagAt(row: i32): u8 {
  return load<u8>(flagsBase + <usize>row);
}

function setFlag(row: i32, flags: u8): void {
  store<u8>(flagsBase + <usize>row, flags);
}

function firedWord(word: i32): u32 {
  return load<u32>(firedBase + ((<usize>word) << 2));
}

function setFiredWord(word: i32, bits: u32): void {
  store<u32>(firedBase + ((<usize>word) << 2), bits);
}

/**
 * Whether the condition at `pc` holds. An atom is read as an `all` of itself, so one loop evaluates every
 * atom in place (no call per atom); a missing fact makes an atom false.
 */
function holds(pc: i32): bool {
  const op = at(pc);
  if (op == OP_NOT) return !holds(pc + 2);
  let any = false;
  let count = 1;
  let child = pc;
  if (op == OP_ALL || op == OP_ANY) {
    any = op == OP_ANY;
    count = at(pc + 2);
    child = pc + 3;
  }
  for (let k = 0; k < count; k++) {
    const childOp = at(child);
    let result: bool = false;
    if (childOp < OP_GE) {
      result = holds(child);
    } else {
      const slot = at(child + 2);
      if (load<u8>(presentBase + <usize>slot) != 0) {
        const value = load<f64>(valuesBase + ((<usize>slot) << 3));
        if (childOp == OP_IN) {
          const last = at(child + 3) + at(child + 4);
          for (let c = at(child + 3); c < last; c++) {
            if (value == constantAt(c)) {
              result = true;
              break;
            }
          }
        } else {
          const constant = constantAt(at(child + 3));
          if (childOp == OP_GE) result = value >= constant;
          else if (childOp == OP_GT) result = value > constant;
          else if (childOp == OP_LE) result = value <= constant;
          else if (childOp == OP_LT) result = value < constant;
          else if (childOp == OP_EQ) result = value == constant;
          else result = value != constant;
        }
      }
    }
    if (result == any) return any;
    child += at(child + 1);
  }
  return !any;
}

/** Evaluates every rule over the facts written by the host and resolves every principle. */
export function evaluate(): void {
  for (let p = 0; p < principleCount; p++) {
    const from = at(startsAt + p);
    const to = at(startsAt + p + 1);
    const words = (to - from + 31) >> 5;
    for (let w = 0; w < words; w++) setFiredWord(w, 0);
    // The most severe status among applicable strict rules, and the first rule concluding it.
    let strictStatus: i32 = -1;
    let strictRule: i32 = -1;
    for (let r = from; r < to; r++) {
      const record = recordsAt + r * RECORD;
      let flags: u8 = 0;
      if (at(record + 5) != 0 && holds(codeAt + at(record + 6))) {
        flags = RULE_FIRED;
        const local = r - from;
        setFiredWord(local >> 5, firedWord(local >> 5) | (u32(1) << (local & 31)));
        if (at(record + 2) == KIND_STRICT) {
          const status = at(record + 3);
          if (status > strictStatus) {
            strictStatus = status;
            strictRule = r;
          }
        }
      }
      setFlag(r, flags);
    }
    let status: i32 = 0;
    let decider: i32 = -1;
    if (strictRule >= 0) {
      // Step 1: strict rules decide; every fired defeasible rule is defeated.
      status = strictStatus;
      decider = strictRule;
      for (let r = from; r < to; r++) {
        if (flagAt(r) != 0 && at(recordsAt + r * RECORD + 2) == KIND_DEFEASIBLE) {
          setFlag(r, RULE_FIRED | RULE_DEFEATED);
        }
      }
    } else {
      // Steps 2–4: defeat, then the most severe undefeated status (agreeing rules give that status).
      for (let r = from; r < to; r++) {
        if (flagAt(r) == 0) continue;
        const record = recordsAt + r * RECORD;
        if (at(record + 2) != KIND_DEFEASIBLE) continue;
        const row = attackAt + at(record + 7);
        let defeated = false;
        for (let w = 0; w < words; w++) {
          if ((at(row + w) & firedWord(w)) != 0) {
            defeated = true;
            break;
          }
        }
        if (defeated) {
          setFlag(r, RULE_FIRED | RULE_DEFEATED);
          continue;
        }
        const ruleStatus = at(record + 3);
        if (decider < 0 || ruleStatus > status) {
          status = ruleStatus;
          decider = r;
        }
      }
    }
    store<i32>(resultsBase + ((<usize>p) << 3), status);
    store<i32>(resultsBase + ((<usize>p) << 3) + 4, decider);
  }
}
