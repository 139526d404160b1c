//! Pack patterns that may be compiled on first use.
//!
//! Compiling the embedded packs' hundred-odd patterns was most of gwlint's
//! start-up, yet a run needs only some of them: placeholder and residue
//! patterns are tried only where the literals they need occur, template
//! patterns only for the genre at hand. The embedded packs are therefore
//! loaded with their patterns [`deferred`] (a test compiles every one of
//! them); a user's packs are compiled as they are loaded, so that a pattern
//! the regex engine refuses is reported there, at its file and line.

use regex::Regex;
use std::cell::Cell;
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

/// A regex, compiled when made or on first use.
pub struct LazyRegex {
    source: Box<str>,
    compiled: OnceLock<Regex>,
}

thread_local! {
    /// Whether patterns made now wait for their first use.
    static DEFER: Cell<bool> = const { Cell::new(false) };
}

/// Runs `load` with the patterns it makes compiled on first use. Only for
/// the embedded packs: a user's pack loaded here would report a pattern the
/// engine refuses at its first use, not at its file and line.
pub fn deferred<T>(load: impl FnOnce() -> T) -> T {
    /// Restores the setting, also when `load` panics.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEFER.set(self.0);
        }
    }
    let _restore = Restore(DEFER.replace(true));
    load()
}

impl LazyRegex {
    /// The pattern `source`: compiled now, or on first use inside
    /// [`deferred`].
    pub fn new(source: &str) -> Result<LazyRegex, regex::Error> {
        let compiled = OnceLock::new();
        if !DEFER.get() {
            let _ = compiled.set(Regex::new(source)?);
        }
        Ok(LazyRegex {
            source: source.into(),
            compiled,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the pattern has been compiled.
    #[cfg(test)]
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            Regex::new(&self.source).unwrap_or_else(|e| {
                panic!("a pattern loaded with `deferred` does not compile: {e}")
            })
        })
    }
}

impl Clone for LazyRegex {
    fn clone(&self) -> LazyRegex {
        LazyRegex {
            source: self.source.clone(),
            compiled: self.compiled.clone(),
        }
    }
}

impl fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.source).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_now_unless_deferred() {
        let now = LazyRegex::new("a+").unwrap();
        assert!(now.is_compiled());
        assert!(
            LazyRegex::new("(").is_err(),
            "an error is reported when made"
        );
        let later = deferred(|| LazyRegex::new("b+").unwrap());
        assert!(!later.is_compiled());
        assert!(later.is_match("abb"));
        assert!(later.is_compiled());
        assert_eq!(later.as_str(), "b+");
        // The setting ends with `deferred`, also after a panic.
        let _ = std::panic::catch_unwind(|| deferred(|| panic!("load failed")));
        assert!(LazyRegex::new("c").unwrap().is_compiled());
    }
}
