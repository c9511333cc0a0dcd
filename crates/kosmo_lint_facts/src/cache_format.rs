//! What both cache files share: a preamble that names the file, its format version and the
//! build that wrote it, XXH3 checksums over everything read, and bounded decoding.
//!
//! A cache is an optimisation, so anything doubtful in it is discarded rather than trusted:
//! a file of another format or build, a checksum that does not match, a length or offset
//! that points outside the file. Lengths read from a file are compared with the bytes
//! actually there before anything is allocated for them.

use std::fmt;

use serde::de::DeserializeOwned;

/// Bumped whenever the layout of either cache file changes.
pub(crate) const FORMAT_VERSION: u32 = 13;

/// The build that writes and reads the caches (see `build.rs`): another build never reads
/// this one's files.
pub(crate) const BUILD_ID: &[u8; 16] = match env!("KOSMO_LINT_BUILD_ID").as_bytes().first_chunk() {
    Some(id) => id,
    None => panic!("KOSMO_LINT_BUILD_ID is 16 hex digits"),
};

/// Magic, format version, build identity.
pub(crate) const PREAMBLE_LEN: usize = 8 + 4 + 16;

/// The deepest nesting the cached types have is far below this; a deeper input is garbage,
/// refused before it can exhaust a thread's stack.
const MAX_DEPTH: usize = 32;

/// Why a cache file, or one entry of it, is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheError {
    /// Not a cache file of this kind, or shorter than its fixed header.
    NotACache,
    /// Written by another format version or another build of kosmo-lint.
    OtherBuild,
    /// A checksum does not match: the bytes changed after they were written.
    Checksum,
    /// An offset or length points outside the file, or the file has the wrong length.
    Bounds,
    /// The bytes passed their checksum but do not decode (a bug, or a forged file).
    Decode(String),
}

impl fmt::Display for CacheError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotACache => f.write_str("not a kosmo-lint cache file"),
            Self::OtherBuild => f.write_str("written by another build of kosmo-lint"),
            Self::Checksum => f.write_str("checksum mismatch"),
            Self::Bounds => f.write_str("an offset or length is out of bounds"),
            Self::Decode(message) => write!(f, "cannot decode: {message}"),
        }
    }
}

impl std::error::Error for CacheError {}

pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The preamble of a file with `magic`, as written.
pub(crate) fn preamble(magic: [u8; 8]) -> [u8; PREAMBLE_LEN] {
    let mut out = [0; PREAMBLE_LEN];
    out[..8].copy_from_slice(&magic);
    out[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
    out[12..].copy_from_slice(BUILD_ID);
    out
}

/// Checks the preamble at the start of `bytes` and returns what follows it.
pub(crate) fn strip_preamble(bytes: &[u8], magic: [u8; 8]) -> Result<&[u8], CacheError> {
    let (start, rest) = bytes.split_at_checked(PREAMBLE_LEN).ok_or(CacheError::NotACache)?;
    if start[..8] != magic {
        return Err(CacheError::NotACache);
    }
    if start != preamble(magic) {
        return Err(CacheError::OtherBuild);
    }
    Ok(rest)
}

/// Reads little-endian `u64` fields one after another from a fixed header.
pub(crate) struct Fields<'b>(pub &'b [u8]);

impl Fields<'_> {
    pub(crate) fn next_u64(&mut self) -> Result<u64, CacheError> {
        let (field, rest) = self.0.split_first_chunk::<8>().ok_or(CacheError::NotACache)?;
        self.0 = rest;
        Ok(u64::from_le_bytes(*field))
    }
}

/// `bytes` as MessagePack of `T`, with a bounded nesting depth.
pub(crate) fn decode_msgpack<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CacheError> {
    let mut deserializer = rmp_serde::Deserializer::from_read_ref(bytes);
    deserializer.set_max_depth(MAX_DEPTH);
    T::deserialize(&mut deserializer).map_err(|e| CacheError::Decode(e.to_string()))
}

/// `bytes` after checking them against `expected`, decoded.
pub(crate) fn decode_checked<T: DeserializeOwned>(
    bytes: &[u8],
    expected: u64,
) -> Result<T, CacheError> {
    if checksum(bytes) != expected {
        return Err(CacheError::Checksum);
    }
    decode_msgpack(bytes)
}

/// A file of one MessagePack body: the preamble, the body's length and checksum, a checksum
/// of everything before the body, then the body.
pub(crate) fn encode_single<T: serde::Serialize>(
    magic: [u8; 8],
    value: &T,
) -> std::io::Result<Vec<u8>> {
    let body = rmp_serde::to_vec(value).map_err(std::io::Error::other)?;
    let mut out = Vec::with_capacity(SINGLE_PREFIX_LEN + body.len());
    out.extend_from_slice(&preamble(magic));
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(&body).to_le_bytes());
    out.extend_from_slice(&checksum(&out).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

const SINGLE_PREFIX_LEN: usize = PREAMBLE_LEN + 3 * 8;

/// Decodes a file of [`encode_single`], checking the preamble, the length and both
/// checksums before anything is decoded. Never panics, whatever `bytes` hold.
pub(crate) fn decode_single<T: DeserializeOwned>(
    bytes: &[u8],
    magic: [u8; 8],
) -> Result<T, CacheError> {
    let mut fields = Fields(strip_preamble(bytes, magic)?);
    let (body_len, body_sum, prefix_sum) =
        (fields.next_u64()?, fields.next_u64()?, fields.next_u64()?);
    let (start, body) = bytes.split_at(SINGLE_PREFIX_LEN);
    if checksum(&start[..SINGLE_PREFIX_LEN - 8]) != prefix_sum {
        return Err(CacheError::Checksum);
    }
    if body.len() as u64 != body_len {
        return Err(CacheError::Bounds);
    }
    if checksum(body) != body_sum {
        return Err(CacheError::Checksum);
    }
    decode_msgpack(body)
}

/// Asserts that `decode` refuses every truncation and every single-bit flip of `bytes`.
#[cfg(test)]
pub(crate) fn assert_refuses_every_damage<T>(
    bytes: &[u8],
    decode: impl Fn(&[u8]) -> Result<T, CacheError>,
) {
    for len in 0..bytes.len() {
        assert!(decode(&bytes[..len]).is_err(), "truncated to {len}");
    }
    let mut damaged = bytes.to_vec();
    for bit in 0..bytes.len() * 8 {
        damaged[bit / 8] ^= 1 << (bit % 8);
        assert!(decode(&damaged).is_err(), "bit {bit} flipped");
        damaged[bit / 8] ^= 1 << (bit % 8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_identity_is_sixteen_hex_digits() {
        assert!(BUILD_ID.iter().all(u8::is_ascii_hexdigit), "{BUILD_ID:?}");
    }

    #[test]
    fn another_format_or_build_is_told_from_another_file() {
        let mine = preamble(*b"KLTEST00");
        assert_eq!(strip_preamble(&mine, *b"KLTEST00"), Ok(&[][..]));
        assert_eq!(strip_preamble(&mine, *b"KLOTHER0"), Err(CacheError::NotACache));
        assert_eq!(strip_preamble(&mine[..10], *b"KLTEST00"), Err(CacheError::NotACache));
        let mut other = mine;
        other[PREAMBLE_LEN - 1] ^= 1;
        assert_eq!(strip_preamble(&other, *b"KLTEST00"), Err(CacheError::OtherBuild));
        let mut older = mine;
        older[8] = older[8].wrapping_sub(1);
        assert_eq!(strip_preamble(&older, *b"KLTEST00"), Err(CacheError::OtherBuild));
    }

    #[test]
    fn deep_nesting_is_refused_without_recursing_into_it() {
        // 100,000 nested one-element arrays.
        let mut bytes = vec![0x91; 100_000];
        bytes.push(0xc0);
        let decoded = decode_msgpack::<serde::de::IgnoredAny>(&bytes);
        assert!(matches!(decoded, Err(CacheError::Decode(_))));
    }
}
