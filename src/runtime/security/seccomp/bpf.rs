//! A seccomp profile compiled to classic BPF for one container's capabilities.
//!
//! The program checks the architecture (only the native ABI: i386 and x32 on x86-64, 32-bit
//! ARM on aarch64, are refused), then finds the system call number's decision by binary
//! search over number intervals (a few comparisons for any call, and a layout the kernel's
//! cache of always-allowed calls sees through). A call with argument filters gets its rules
//! in profile order, each a run of 64-bit comparisons (BPF compares 32-bit words: high half,
//! then low half), then the default action. As in libseccomp, an unconditional rule for a call
//! overrides its conditional ones. Jumps in the search tree that would exceed a jump
//! instruction's 8-bit offset go through a `ja` (32-bit offset); a rule's own jumps stay short
//! (at most six conditions of at most six instructions, checked when the profile is read).

use crate::spec::seccomp::{Action, Cond, Op, Profile, Rule};

pub type Insn = libc::sock_filter;

#[cfg(target_arch = "x86_64")]
pub const NATIVE_ARCH: u32 = 0xc000_003e; // AUDIT_ARCH_X86_64
#[cfg(target_arch = "aarch64")]
pub const NATIVE_ARCH: u32 = 0xc000_00b7; // AUDIT_ARCH_AARCH64

/// Numbers from here on are the x32 ABI's (x86-64 only).
#[cfg(target_arch = "x86_64")]
pub const FOREIGN_NR_FROM: Option<u32> = Some(0x4000_0000);
#[cfg(not(target_arch = "x86_64"))]
pub const FOREIGN_NR_FROM: Option<u32> = None;

/// The answer to a system call from another ABI (i386 and x32 on x86-64, 32-bit ARM on aarch64).
pub const FOREIGN_ABI: Action = Action::Errno(libc::EPERM as u16);

// Offsets in `struct seccomp_data`.
const OFF_NR: u32 = 0;
const OFF_ARCH: u32 = 4;
const OFF_ARGS: u32 = 16;

const LD_ABS: u16 = (libc::BPF_LD | libc::BPF_W | libc::BPF_ABS) as u16;
const AND: u16 = (libc::BPF_ALU | libc::BPF_AND | libc::BPF_K) as u16;
const JA: u16 = (libc::BPF_JMP | libc::BPF_JA) as u16;
const JEQ: u16 = (libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K) as u16;
const JGT: u16 = (libc::BPF_JMP | libc::BPF_JGT | libc::BPF_K) as u16;
const JGE: u16 = (libc::BPF_JMP | libc::BPF_JGE | libc::BPF_K) as u16;
const RET: u16 = (libc::BPF_RET | libc::BPF_K) as u16;

fn insn(code: u16, k: u32, jt: u8, jf: u8) -> Insn {
    Insn { code, jt, jf, k }
}

/// The filter's return value for `a`.
pub fn ret_value(a: Action) -> u32 {
    let data = |e: u16| u32::from(e) & libc::SECCOMP_RET_DATA;
    match a {
        Action::Allow => libc::SECCOMP_RET_ALLOW,
        Action::Errno(e) => libc::SECCOMP_RET_ERRNO | data(e),
        Action::KillThread => libc::SECCOMP_RET_KILL_THREAD,
        Action::KillProcess => libc::SECCOMP_RET_KILL_PROCESS,
        Action::Trap => libc::SECCOMP_RET_TRAP,
        Action::Trace(e) => libc::SECCOMP_RET_TRACE | data(e),
        Action::Log => libc::SECCOMP_RET_LOG,
    }
}

/// What a run of system call numbers gets.
#[derive(Clone, Copy, PartialEq)]
enum Leaf {
    Ret(u32),
    /// Rules with argument filters: `pairs[range]`'s rules, in profile order.
    Args(usize, usize),
}

/// The program for a container holding `caps` (bit N: capability N) on kernel `kernel`.
pub fn compile(p: &Profile, caps: u64, kernel: (u32, u32)) -> Vec<Insn> {
    let default = ret_value(p.default);
    // (number, rule index) for the rules that apply: sorted, each call's rules in order.
    let applying = || {
        p.rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.applies(caps, kernel))
            .flat_map(|(i, r)| r.nrs.iter().map(move |&nr| (nr, i as u32)))
    };
    let pairs = by_number(applying);

    // Intervals [start, next start) of numbers, each with its decision.
    let mut iv: Vec<(u32, Leaf)> = Vec::with_capacity(256);
    push(&mut iv, 0, Leaf::Ret(default));
    let mut at = 0;
    while at < pairs.len() {
        let nr = pairs[at].0;
        let end = at + pairs[at..].iter().take_while(|(n, _)| *n == nr).count();
        let unconditional = pairs[at..end]
            .iter()
            .map(|&(_, i)| &p.rules[i as usize])
            .find(|r| r.args.is_empty());
        let leaf = match unconditional {
            Some(r) => Leaf::Ret(ret_value(r.action)),
            None => Leaf::Args(at, end),
        };
        push(&mut iv, nr, leaf);
        if let Some(next) = nr.checked_add(1) {
            push(&mut iv, next, Leaf::Ret(default));
        }
        at = end;
    }
    if let Some(from) = FOREIGN_NR_FROM {
        iv.retain(|(start, _)| *start < from);
        push(&mut iv, from, Leaf::Ret(ret_value(FOREIGN_ABI)));
    }

    let mut prog = Vec::with_capacity(512);
    prog.extend([
        insn(LD_ABS, OFF_ARCH, 0, 0),
        insn(JEQ, NATIVE_ARCH, 1, 0),
        insn(RET, ret_value(FOREIGN_ABI), 0, 0),
        insn(LD_ABS, OFF_NR, 0, 0),
    ]);
    let tree = Tree {
        p,
        pairs: &pairs,
        default,
    };
    tree.emit(&iv, &mut prog);
    prog
}

/// The pairs sorted by number, keeping the order of each number's (a counting sort: numbers
/// are small, and a comparison sort costs more than the rest of the compiler).
fn by_number<I: Iterator<Item = (u32, u32)>>(pairs: impl Fn() -> I) -> Vec<(u32, u32)> {
    let max = pairs().map(|(nr, _)| nr as usize).max();
    let Some(max) = max.filter(|&m| m < 1 << 16) else {
        let mut v: Vec<_> = pairs().collect();
        v.sort_unstable();
        return v;
    };
    // starts[nr]: where number nr's pairs go.
    let mut starts = vec![0u32; max + 2];
    for (nr, _) in pairs() {
        starts[nr as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut out = vec![(0, 0); starts[max + 1] as usize];
    for (nr, i) in pairs() {
        let at = &mut starts[nr as usize];
        out[*at as usize] = (nr, i);
        *at += 1;
    }
    out
}

/// Appends an interval, merging it into the previous one when they answer alike.
fn push(iv: &mut Vec<(u32, Leaf)>, start: u32, leaf: Leaf) {
    if iv.last().is_some_and(|(s, _)| *s == start) {
        iv.pop();
    }
    match (iv.last(), leaf) {
        (Some((_, Leaf::Ret(prev))), Leaf::Ret(new)) if *prev == new => {}
        _ => iv.push((start, leaf)),
    }
}

/// The binary search over the intervals (the accumulator holds the number).
struct Tree<'a> {
    p: &'a Profile,
    pairs: &'a [(u32, u32)],
    default: u32,
}

impl Tree<'_> {
    fn rules(&self, from: usize, to: usize) -> impl Iterator<Item = &Rule> {
        self.pairs[from..to]
            .iter()
            .map(|&(_, i)| &self.p.rules[i as usize])
    }

    /// The length of `emit(iv)`'s code.
    fn len(&self, iv: &[(u32, Leaf)]) -> usize {
        match iv {
            [(_, Leaf::Ret(_))] => 1,
            [(_, Leaf::Args(from, to))] => self.rules(*from, *to).map(rule_len).sum::<usize>() + 1,
            _ => {
                let (low, high) = iv.split_at(iv.len() / 2);
                let left = self.len(low);
                left + self.len(high) + if left > 255 { 2 } else { 1 }
            }
        }
    }

    fn emit(&self, iv: &[(u32, Leaf)], out: &mut Vec<Insn>) {
        match iv {
            [(_, Leaf::Ret(k))] => out.push(insn(RET, *k, 0, 0)),
            [(_, Leaf::Args(from, to))] => {
                for r in self.rules(*from, *to) {
                    rule(r, out);
                }
                out.push(insn(RET, self.default, 0, 0));
            }
            _ => {
                let (low, high) = iv.split_at(iv.len() / 2);
                let left = self.len(low);
                match u8::try_from(left) {
                    Ok(skip) => out.push(insn(JGE, high[0].0, skip, 0)),
                    Err(_) => {
                        out.push(insn(JGE, high[0].0, 0, 1));
                        out.push(insn(JA, left as u32, 0, 0));
                    }
                }
                self.emit(low, out);
                self.emit(high, out);
            }
        }
    }
}

/// Where a comparison jumps: the next instruction, past this condition (it holds), or past
/// the rule (it does not).
#[derive(Clone, Copy)]
enum To {
    On,
    Next,
    Fail,
}

/// The length of `rule(r)`'s code.
fn rule_len(r: &Rule) -> usize {
    r.args.iter().map(|c| cond(c).len()).sum::<usize>() + 1
}

/// One rule: its conditions, then its action; falls through to the next rule if one fails.
fn rule(r: &Rule, out: &mut Vec<Insn>) {
    let len = rule_len(r);
    let mut at = 0;
    for c in r.args.iter() {
        let steps = cond(c);
        let end = at + steps.len();
        for &(code, k, jt, jf) in steps.iter() {
            let off = |to: To| {
                let target = match to {
                    To::On => at + 1,
                    To::Next => end,
                    To::Fail => len,
                };
                u8::try_from(target - at - 1).expect("a rule's jumps are short")
            };
            out.push(insn(code, k, off(jt), off(jf)));
            at += 1;
        }
    }
    out.push(insn(RET, ret_value(r.action), 0, 0));
}

type Step = (u16, u32, To, To);

/// At most six steps.
struct Steps {
    buf: [Step; 6],
    n: usize,
}

impl Steps {
    fn new(steps: &[Step]) -> Steps {
        let mut buf = [(0, 0, To::On, To::On); 6];
        buf[..steps.len()].copy_from_slice(steps);
        Steps {
            buf,
            n: steps.len(),
        }
    }
    fn len(&self) -> usize {
        self.n
    }
    fn iter(&self) -> std::slice::Iter<'_, Step> {
        self.buf[..self.n].iter()
    }
}

/// A 64-bit comparison of one argument, as 32-bit steps.
fn cond(c: &Cond) -> Steps {
    let lo = OFF_ARGS + 8 * u32::from(c.index);
    let (lo, hi) = if cfg!(target_endian = "little") {
        (lo, lo + 4)
    } else {
        (lo + 4, lo)
    };
    let (vh, vl) = ((c.value >> 32) as u32, c.value as u32);
    let ld = |off| (LD_ABS, off, To::On, To::On);
    use To::*;
    match c.op {
        Op::Eq => Steps::new(&[ld(hi), (JEQ, vh, On, Fail), ld(lo), (JEQ, vl, Next, Fail)]),
        Op::Ne => Steps::new(&[ld(hi), (JEQ, vh, On, Next), ld(lo), (JEQ, vl, Fail, Next)]),
        Op::MaskedEq => {
            let (dh, dl) = ((c.value_two >> 32) as u32, c.value_two as u32);
            Steps::new(&[
                ld(hi),
                (AND, vh, On, On),
                (JEQ, dh, On, Fail),
                ld(lo),
                (AND, vl, On, On),
                (JEQ, dl, Next, Fail),
            ])
        }
        // Above in the high half: decided; equal: the low half decides.
        Op::Gt | Op::Ge => {
            let last = if c.op == Op::Gt { JGT } else { JGE };
            Steps::new(&[
                ld(hi),
                (JGT, vh, Next, On),
                (JEQ, vh, On, Fail),
                ld(lo),
                (last, vl, Next, Fail),
            ])
        }
        // The negations of Gt and Ge.
        Op::Le | Op::Lt => {
            let last = if c.op == Op::Le { JGT } else { JGE };
            Steps::new(&[
                ld(hi),
                (JGT, vh, Fail, On),
                (JEQ, vh, On, Next),
                ld(lo),
                (last, vl, Fail, Next),
            ])
        }
    }
}
