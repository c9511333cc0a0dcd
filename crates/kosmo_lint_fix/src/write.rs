//! Writing a fixed file without ever leaving it half-written.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Replaces `path` with `text` atomically: a temporary file in the same folder, the original
/// file's permissions, then a rename. A file or folder whose permissions forbid writing is
/// refused even when the process could write it anyway (as root): kosmo-lint respects them.
///
/// A file with more than one hard link is refused too: the rename would give this path a new
/// file and leave the other links on the old text, and writing in place instead could leave
/// the file half-written if the write fails part-way (a full disk).
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let metadata = fs::metadata(path)?;
    if metadata.permissions().readonly() {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let links = metadata.nlink();
        if links > 1 {
            return Err(io::Error::other(format!(
                "it has {links} hard links, and writing a fix (a new file renamed over it) would cut this path off from the others"
            )));
        }
    }
    let folder = path.parent().ok_or_else(|| io::Error::other("the file has no parent folder"))?;
    if fs::metadata(folder)?.permissions().readonly() {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, "its folder is read-only"));
    }
    let mut temporary = tempfile::Builder::new().prefix(".kosmo-lint-").tempfile_in(folder)?;
    // The rename would hand a file owned by someone else over to us: refuse instead.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if temporary.as_file().metadata()?.uid() != metadata.uid() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file belongs to another user",
            ));
        }
    }
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().sync_all()?;
    fs::set_permissions(temporary.path(), metadata.permissions())?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::write_atomically;

    #[test]
    fn replaces_the_file_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.tsx");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomically(&path, "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_hard_linked_file_and_leaves_both_links_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.tsx");
        let other = dir.path().join("other.tsx");
        fs::write(&path, "old").unwrap();
        fs::hard_link(&path, &other).unwrap();
        let err = write_atomically(&path, "new").unwrap_err();
        assert!(err.to_string().contains("2 hard links"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_to_string(&other).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file left");
    }

    #[test]
    fn refuses_read_only_files_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.tsx");
        fs::write(&path, "old").unwrap();
        let mut readonly = fs::metadata(&path).unwrap().permissions();
        readonly.set_readonly(true);
        fs::set_permissions(&path, readonly.clone()).unwrap();
        let err = write_atomically(&path, "new").unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");

        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("page.tsx");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(folder.path(), readonly).unwrap();
        let err = write_atomically(&path, "new").unwrap_err();
        assert!(err.to_string().contains("folder is read-only"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        let mut writable = fs::metadata(folder.path()).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false, reason = "restoring the temp dir")]
        writable.set_readonly(false);
        fs::set_permissions(folder.path(), writable).unwrap();
    }
}
