//! A classic-BPF interpreter for the instructions [`super::bpf`] emits, so that unit tests can
//! ask a compiled program what it answers for a system call with given arguments. The
//! integration tests (tests/seccomp.rs) ask the kernel.

use super::bpf::Insn;

/// The program's return value for `struct seccomp_data { nr, arch, ip: 0, args }`.
pub fn run(prog: &[Insn], arch: u32, nr: u32, args: [u64; 6]) -> u32 {
    let mut data = [0u8; 64];
    data[0..4].copy_from_slice(&nr.to_ne_bytes());
    data[4..8].copy_from_slice(&arch.to_ne_bytes());
    for (i, a) in args.iter().enumerate() {
        data[16 + 8 * i..24 + 8 * i].copy_from_slice(&a.to_ne_bytes());
    }
    let (mut a, mut pc) = (0u32, 0usize);
    loop {
        let i = prog.get(pc).expect("the program never runs off its end");
        pc += 1;
        let code = u32::from(i.code);
        match code & 0x07 {
            libc::BPF_LD => {
                let off = i.k as usize;
                assert!(
                    off.is_multiple_of(4) && off < 64,
                    "aligned load inside seccomp_data"
                );
                a = u32::from_ne_bytes(data[off..off + 4].try_into().unwrap());
            }
            libc::BPF_ALU => {
                assert_eq!(code & 0xf0, libc::BPF_AND);
                a &= i.k;
            }
            libc::BPF_JMP => {
                let taken = match code & 0xf0 {
                    libc::BPF_JA => {
                        pc += i.k as usize;
                        continue;
                    }
                    libc::BPF_JEQ => a == i.k,
                    libc::BPF_JGT => a > i.k,
                    libc::BPF_JGE => a >= i.k,
                    op => panic!("jump op {op:#x}"),
                };
                pc += usize::from(if taken { i.jt } else { i.jf });
            }
            libc::BPF_RET => return i.k,
            class => panic!("instruction class {class:#x}"),
        }
    }
}
