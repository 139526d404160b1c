//! Containing a bug to the file that triggered it: a panic while checking
//! one file becomes that file's internal error (the run goes on, and ends
//! with exit code 2) instead of taking the whole run down or printing
//! panic text.

thread_local! {
    /// Set while a file is being checked: a panic then becomes that file's
    /// internal error, and its location is kept here for the message.
    static CHECKING: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Route panics inside a file's check to that file's internal error
/// instead of the terminal; other panics keep the default report.
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let inside = CHECKING.with(|c| {
                let mut c = c.borrow_mut();
                match c.as_mut() {
                    Some(at) => {
                        *at = info
                            .location()
                            .map_or_else(String::new, |l| format!("{}:{}", l.file(), l.line()));
                        true
                    }
                    None => false,
                }
            });
            if !inside {
                default(info);
            }
        }));
    });
}

/// The message of a caught panic, with where it happened.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知错误".to_string());
    let at = CHECKING.with(|c| c.borrow().clone()).unwrap_or_default();
    if at.is_empty() {
        what
    } else {
        format!("{what}（{at}）")
    }
}

/// Debug builds only: `GWLINT_TEST_PANIC=NAME` makes checking a file whose
/// name ends with NAME panic, so that tests can watch a bug being contained.
fn inject_panic(name: &str) {
    if cfg!(debug_assertions) {
        if let Some(target) = std::env::var_os("GWLINT_TEST_PANIC") {
            if name.ends_with(target.to_string_lossy().as_ref()) {
                panic!("injected for a test");
            }
        }
    }
}

/// Run `check` for the file `name`; a panic inside comes back as an error
/// message (with where it happened) instead of unwinding further.
pub fn contain<T>(name: &str, check: impl FnOnce() -> T) -> Result<T, String> {
    CHECKING.with(|c| *c.borrow_mut() = Some(String::new()));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        inject_panic(name);
        check()
    }));
    let result = result.map_err(|payload| panic_message(payload.as_ref()));
    CHECKING.with(|c| *c.borrow_mut() = None);
    result
}

/// Run `piece`, a part of some file's check handed to another thread (a
/// large document's segmentation, counts or rules): a panic in it is
/// contained like one on the checking thread — its location kept for the
/// message, no panic text on the terminal — and carried back to the
/// checking thread's `contain` with the location in its message. The
/// thread's own state is restored afterwards (it may be in the middle of
/// checking another file).
pub fn piece<R>(piece: impl FnOnce() -> R) -> R {
    let saved = CHECKING.with(|c| c.replace(Some(String::new())));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(piece));
    match result {
        Ok(r) => {
            CHECKING.with(|c| c.replace(saved));
            r
        }
        Err(payload) => {
            let message = panic_message(payload.as_ref());
            CHECKING.with(|c| c.replace(saved));
            std::panic::resume_unwind(Box::new(message))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A panic in a piece of the check run on another thread comes back
    /// as the file's error, still naming where it happened.
    #[test]
    fn a_panic_on_another_thread_keeps_its_location() {
        install();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let err = contain("big.txt", || {
            pool.install(|| {
                rayon::join(|| piece(|| 1), || piece(|| -> u8 { panic!("split {}", 2) }))
            })
        })
        .unwrap_err();
        assert!(
            err.starts_with("split 2（") && err.contains("panic_guard.rs"),
            "{err}"
        );
        assert_eq!(contain("next.txt", || piece(|| 3)), Ok(3));
    }

    #[test]
    fn a_panic_becomes_an_error_naming_where_it_happened() {
        install();
        assert_eq!(contain("a.txt", || 7), Ok(7));
        let err = contain("a.txt", || -> u8 { panic!("boom {}", 1) }).unwrap_err();
        assert!(
            err.starts_with("boom 1（") && err.contains("panic_guard.rs"),
            "{err}"
        );
        // The next file starts clean.
        assert_eq!(contain("b.txt", || "ok"), Ok("ok"));
    }
}
