//! The layout of `facts.bin`, the fact cache's file:
//!
//! ```text
//! preamble      magic "KLFACTS\0", format version, build identity (see `cache_format`)
//! index offset  u64 ─┐
//! index length  u64  │ little-endian
//! index xxh3    u64  │
//! header xxh3   u64 ─┘ of every byte before it
//! entries       each file's facts (MessagePack), one after another
//! index         MessagePack: per file its path, kind, stamp, and its entry's offset,
//!               length and XXH3
//! ```
//!
//! The index is checked whole (a damaged index discards the file); an entry is checked when
//! it is read, and a damaged one is discarded alone (its file is read and parsed again).

use kosmo_lint_core::facts::FileFacts;
use kosmo_lint_core::walk::FileKind;
use serde::{Deserialize, Serialize};

use crate::cache::Stamp;
use crate::cache_format::{
    CacheError, Fields, PREAMBLE_LEN, checksum, decode_checked, preamble, strip_preamble,
};

const MAGIC: [u8; 8] = *b"KLFACTS\0";
/// The preamble and four `u64` fields.
pub(crate) const HEADER_LEN: usize = PREAMBLE_LEN + 4 * 8;

/// Where one file's encoded facts are in a cache file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct IndexEntry {
    pub path: String,
    pub kind: FileKind,
    pub stamp: Stamp,
    pub offset: u64,
    pub len: u32,
    /// XXH3 of the entry's bytes.
    pub checksum: u64,
}

impl IndexEntry {
    /// The entry's byte range, once [`decode_index`] has checked it lies in the file.
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        let start = usize::try_from(self.offset).unwrap_or(usize::MAX);
        start..start.saturating_add(self.len as usize)
    }
}

#[derive(Serialize, Deserialize)]
struct Index {
    entries: Vec<IndexEntry>,
}

/// Where the index is, read from a file's fixed header.
pub(crate) struct Header {
    pub index_offset: u64,
    pub index_len: u64,
    checksum: u64,
}

/// The index of `entries` (stored after them, at `index_offset`) and the header that
/// points to it.
pub(crate) fn encode_index(
    entries: Vec<IndexEntry>,
    index_offset: u64,
) -> Result<(Vec<u8>, [u8; HEADER_LEN]), CacheError> {
    let index =
        rmp_serde::to_vec(&Index { entries }).map_err(|e| CacheError::Decode(e.to_string()))?;
    let mut header = [0; HEADER_LEN];
    header[..PREAMBLE_LEN].copy_from_slice(&preamble(MAGIC));
    let fields = [index_offset, index.len() as u64, checksum(&index)];
    for (at, field) in fields.iter().enumerate() {
        let start = PREAMBLE_LEN + at * 8;
        header[start..start + 8].copy_from_slice(&field.to_le_bytes());
    }
    let sum = checksum(&header[..HEADER_LEN - 8]);
    header[HEADER_LEN - 8..].copy_from_slice(&sum.to_le_bytes());
    Ok((index, header))
}

/// The fixed header at the start of a file of `file_len` bytes.
pub(crate) fn decode_header(bytes: &[u8], file_len: u64) -> Result<Header, CacheError> {
    let mut fields = Fields(strip_preamble(bytes, MAGIC)?);
    let header = Header {
        index_offset: fields.next_u64()?,
        index_len: fields.next_u64()?,
        checksum: fields.next_u64()?,
    };
    let sum = fields.next_u64()?;
    if checksum(&bytes[..HEADER_LEN - 8]) != sum {
        return Err(CacheError::Checksum);
    }
    if header.index_offset < HEADER_LEN as u64
        || header.index_offset.checked_add(header.index_len) != Some(file_len)
    {
        return Err(CacheError::Bounds);
    }
    Ok(header)
}

/// The index (the bytes `header` points to); every entry lies between the header and the
/// index.
pub(crate) fn decode_index(header: &Header, bytes: &[u8]) -> Result<Vec<IndexEntry>, CacheError> {
    let index: Index = decode_checked(bytes, header.checksum)?;
    let in_bounds = |entry: &IndexEntry| {
        entry.offset >= HEADER_LEN as u64
            && entry
                .offset
                .checked_add(u64::from(entry.len))
                .is_some_and(|end| end <= header.index_offset)
    };
    if !index.entries.iter().all(in_bounds) {
        return Err(CacheError::Bounds);
    }
    Ok(index.entries)
}

/// One entry's facts, from the entry's bytes.
pub(crate) fn decode_entry(entry: &IndexEntry, bytes: &[u8]) -> Result<FileFacts, CacheError> {
    decode_checked(bytes, entry.checksum)
}

/// Decodes a whole `facts.bin` as a run would read it: each file's path with its facts, in
/// the order of the index, leaving out entries that fail their checksum. Never panics and
/// allocates nothing beyond the size of `bytes`, whatever they hold.
pub fn decode_facts_file(bytes: &[u8]) -> Result<Vec<(String, FileFacts)>, CacheError> {
    let head = bytes.get(..HEADER_LEN).ok_or(CacheError::NotACache)?;
    let header = decode_header(head, bytes.len() as u64)?;
    let index_start = usize::try_from(header.index_offset).map_err(|_| CacheError::Bounds)?;
    let entries = decode_index(&header, bytes.get(index_start..).ok_or(CacheError::Bounds)?)?;
    Ok(entries
        .into_iter()
        .filter_map(|entry| {
            let facts = decode_entry(&entry, bytes.get(entry.range())?).ok()?;
            Some((entry.path, facts))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use kosmo_lint_core::facts::FileFacts;
    use kosmo_lint_core::walk::FileKind;

    use super::*;

    /// A facts file of three pages, as the cache writes one.
    fn facts_file() -> (Vec<u8>, Vec<(String, FileFacts)>) {
        let pages = [
            "import fetchClients from \"_/fetch\";\nexport const preload = () => fetchClients.a.GET();\n",
            "export default function Page() { return <p>hi</p>; }\n",
            "export const preload = (;\n",
        ];
        let mut bytes = vec![0; HEADER_LEN];
        let mut entries = Vec::new();
        let mut expected = Vec::new();
        for (at, text) in pages.iter().enumerate() {
            let path = format!("pages/p{at}/index.tsx");
            let facts = crate::extract_text(FileKind::Page, Path::new(&path), text);
            let encoded = rmp_serde::to_vec(&facts).unwrap();
            entries.push(IndexEntry {
                path: path.clone(),
                kind: FileKind::Page,
                stamp: Stamp::for_test(at as u64),
                offset: bytes.len() as u64,
                len: u32::try_from(encoded.len()).unwrap(),
                checksum: checksum(&encoded),
            });
            bytes.extend_from_slice(&encoded);
            expected.push((path, facts));
        }
        let (index, header) = encode_index(entries, bytes.len() as u64).unwrap();
        bytes[..HEADER_LEN].copy_from_slice(&header);
        bytes.extend_from_slice(&index);
        (bytes, expected)
    }

    #[test]
    fn a_facts_file_decodes_to_what_was_written() {
        let (bytes, expected) = facts_file();
        assert_eq!(decode_facts_file(&bytes).unwrap(), expected);
    }

    #[test]
    fn every_truncation_is_refused() {
        let (bytes, _) = facts_file();
        for len in 0..bytes.len() {
            assert!(decode_facts_file(&bytes[..len]).is_err(), "truncated to {len}");
        }
    }

    /// A flipped bit in the header or index discards the file; in an entry, that entry.
    #[test]
    fn every_bit_flip_discards_the_file_or_the_damaged_entry_alone() {
        let (bytes, expected) = facts_file();
        let mut damaged = bytes.clone();
        for bit in 0..bytes.len() * 8 {
            damaged[bit / 8] ^= 1 << (bit % 8);
            if let Ok(decoded) = decode_facts_file(&damaged) {
                assert_eq!(decoded.len(), expected.len() - 1, "bit {bit}");
                assert!(decoded.iter().all(|entry| expected.contains(entry)), "bit {bit}");
            }
            damaged[bit / 8] ^= 1 << (bit % 8);
        }
    }

    /// An index whose checksum is right but whose entry points past the index is refused
    /// before anything is read or allocated for it.
    #[test]
    fn an_entry_out_of_bounds_is_refused() {
        let entry = |offset: u64, len: u32| IndexEntry {
            path: "a.ts".into(),
            kind: FileKind::Helper,
            stamp: Stamp::for_test(0),
            offset,
            len,
            checksum: 0,
        };
        for bad in [entry(0, 1), entry(HEADER_LEN as u64, u32::MAX), entry(u64::MAX, 2)] {
            let (index, header) = encode_index(vec![bad], HEADER_LEN as u64 + 1).unwrap();
            let mut bytes = header.to_vec();
            bytes.push(0);
            bytes.extend_from_slice(&index);
            assert_eq!(decode_facts_file(&bytes), Err(CacheError::Bounds));
        }
    }
}
