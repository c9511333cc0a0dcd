//! Reading a source file, with a precise status for everything that is not UTF-8 text.

use std::fs;
use std::path::Path;

use kosmo_lint_core::facts::FileStatus;

/// The file's text (a UTF-8 BOM is kept: oxc treats it as whitespace, so spans stay file
/// offsets), or why it cannot be linted.
pub fn read_source(path: &Path) -> Result<String, FileStatus> {
    let bytes = fs::read(path).map_err(|e| FileStatus::Unreadable { message: e.to_string() })?;
    decode(bytes)
}

/// A file's bytes as text, or why they are not source code.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, FileStatus> {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Err(FileStatus::Binary);
    }
    String::from_utf8(bytes)
        .map_err(|e| FileStatus::NotUtf8 { offset: e.utf8_error().valid_up_to() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_binary_and_non_utf8_files() {
        let dir = std::env::temp_dir().join(format!("kosmo-read-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let binary = dir.join("a.ts");
        fs::write(&binary, b"abc\0def").unwrap();
        assert_eq!(read_source(&binary), Err(FileStatus::Binary));
        let latin1 = dir.join("b.ts");
        fs::write(&latin1, b"const a = \"caf\xe9\";").unwrap();
        assert_eq!(read_source(&latin1), Err(FileStatus::NotUtf8 { offset: 14 }));
        let bom = dir.join("c.ts");
        fs::write(&bom, "\u{feff}export {};").unwrap();
        assert_eq!(read_source(&bom).unwrap(), "\u{feff}export {};");
        let missing = read_source(&dir.join("missing.ts")).unwrap_err();
        assert!(matches!(missing, FileStatus::Unreadable { .. }));
        fs::remove_dir_all(dir).unwrap();
    }
}
