//! Dropping the container's capabilities to its set: the bounding set (so nothing exec'd
//! later regains one), the ambient set, and, for a root workload, the permitted, effective and
//! inheritable sets through `capset(2)` (nix has no wrapper; the call is made here, once).

use nix::errno::Errno;

use crate::spec::caps::CapSet;

use crate::runtime::{Ctx, SysError};

/// Drops from the bounding set every capability not in `keep`.
pub fn drop_bounding(keep: CapSet) -> Result<(), SysError> {
    for cap in 0..64u8 {
        if keep.contains(cap) {
            continue;
        }
        // SAFETY: prctl with integer arguments only.
        let r = unsafe { libc::prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong, 0, 0, 0) };
        if r != 0 {
            match Errno::last() {
                // Past the kernel's last capability.
                Errno::EINVAL => break,
                e => {
                    return Err(e)
                        .ctx(|| format!("dropping capability {cap} from the bounding set"))
                }
            }
        }
    }
    Ok(())
}

/// Empties the ambient set.
pub fn clear_ambient() -> Result<(), SysError> {
    // SAFETY: prctl with integer arguments only.
    let r = unsafe {
        libc::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_CLEAR_ALL,
            0,
            0,
            0,
        )
    };
    Errno::result(r)
        .map(drop)
        .ctx(|| "clearing ambient capabilities".into())
}

#[repr(C)]
struct CapHeader {
    version: u32,
    pid: i32,
}

#[repr(C)]
#[derive(Clone, Copy, Default)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

const CAP_V3: u32 = 0x2008_0522;

/// Sets permitted and effective to `caps`, inheritable to empty.
pub fn set(caps: CapSet) -> Result<(), SysError> {
    let mut hdr = CapHeader {
        version: CAP_V3,
        pid: 0,
    };
    let lo = caps.0 as u32;
    let hi = (caps.0 >> 32) as u32;
    let data = [
        CapData {
            effective: lo,
            permitted: lo,
            inheritable: 0,
        },
        CapData {
            effective: hi,
            permitted: hi,
            inheritable: 0,
        },
    ];
    // SAFETY: header and two data structs laid out as capset(2) v3 expects.
    let r = unsafe { libc::syscall(libc::SYS_capset, &mut hdr as *mut CapHeader, data.as_ptr()) };
    Errno::result(r)
        .map(drop)
        .ctx(|| "setting capabilities".into())
}
