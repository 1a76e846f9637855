//! Layer tarballs: decompression and safe unpacking into the store in overlay form.
