//! Giving back the memory of data embedded in the binary once it has been read into tables.
//!
//! A model compiled in with `include_bytes!` lives in the executable's read-only pages; reading
//! it into its tables touches every page, and the kernel then counts them in the process's
//! resident memory for the rest of the run although nothing reads them again (the grammar's
//! 16 MB were a tenth of an ingest's peak). Advising the kernel that they are not needed drops
//! them from the process; they stay in the page cache and would be read back, unchanged, if
//! anything touched them again.

/// Release the whole pages of `data`, which was read once and is not needed again.
pub fn release(data: &'static [u8]) {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: `sysconf` has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        let Ok(page) = usize::try_from(page) else {
            return;
        };
        if page == 0 {
            return;
        }
        let start = (data.as_ptr() as usize).div_ceil(page) * page;
        let end = (data.as_ptr() as usize + data.len()) / page * page;
        if end <= start {
            return;
        }
        // SAFETY: the range lies inside `data`'s read-only, file-backed mapping, whose pages
        // `MADV_DONTNEED` only unmaps: a later read faults the same bytes back in from the
        // file, so no reference into `data` can observe a change.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = data;
}

#[cfg(test)]
mod tests {
    static DATA: [u8; 3 << 16] = [7; 3 << 16];

    #[test]
    fn released_data_reads_the_same() {
        let data: &'static [u8] = &DATA;
        let sum: u64 = data.iter().map(|&b| b as u64).sum();
        super::release(data);
        assert_eq!(data.iter().map(|&b| b as u64).sum::<u64>(), sum);
        assert!(data.iter().all(|&b| b == 7));
    }
}
