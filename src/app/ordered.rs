//! Work spread over a thread pool, results handed over in input order: each
//! feeder takes the next item as soon as it is free (no batch waits for its
//! slowest member), and the calling thread hands each result on as soon as
//! every earlier one has been.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, MutexGuard};

/// How far the feeders may run ahead of the results handed over: bounds
/// the results held in memory, whatever the number of items.
pub const WINDOW: usize = 64;

/// What the feeders share with the thread handing results over.
struct Progress {
    /// How many results have been handed over.
    handed: usize,
    /// Set when `each` failed: the feeders stop taking items.
    stopped: bool,
}

struct Shared {
    progress: Mutex<Progress>,
    moved: Condvar,
    next: AtomicUsize,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Progress> {
        self.progress.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wait until item `i` is within the window; false when stopped.
    fn admit(&self, i: usize, window: usize) -> bool {
        let mut p = self.lock();
        while !p.stopped && i >= p.handed + window {
            p = self.moved.wait(p).unwrap_or_else(|e| e.into_inner());
        }
        !p.stopped
    }

    fn update(&self, f: impl FnOnce(&mut Progress)) {
        f(&mut self.lock());
        self.moved.notify_all();
    }
}

/// Stops the run when dropped: on an error, and when a panic unwinds
/// through the thread holding it, so that no feeder waits forever for a
/// result that will never be handed over (the panic then reaches the
/// caller once every feeder has stopped).
struct StopOnDrop<'a>(&'a Shared);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.update(|p| p.stopped = true);
    }
}

/// Run `work` on every item on `pool`'s threads and hand each result to
/// `each` on this thread, in the order of `items`. The first error of
/// `each` stops the run (items already started are finished and dropped)
/// and is returned.
///
/// One feeder thread per pool thread takes the next item and runs its work
/// inside the pool, where the work may split itself further (a large
/// document does). The feeders wait for the window outside the pool: a pool
/// thread waiting inside split work may run any other job of the pool, and
/// if a job could wait for the window, a feeder waiting under the very item
/// the window waits for would never return.
pub fn for_each<S, T, E>(
    items: &[S],
    pool: &rayon::ThreadPool,
    window: usize,
    work: impl Fn(&S) -> T + Sync,
    mut each: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    S: Sync,
    T: Send,
{
    let window = window.max(1);
    let shared = Shared {
        progress: Mutex::new(Progress {
            handed: 0,
            stopped: false,
        }),
        moved: Condvar::new(),
        next: AtomicUsize::new(0),
    };
    let (shared, work) = (&shared, &work);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, T)>();
        for _ in 0..pool.current_num_threads().min(items.len()) {
            let tx = tx.clone();
            scope.spawn(move || {
                // A feeder that panics stops the others: the result it
                // owed would hold back every later one.
                let stop = StopOnDrop(shared);
                loop {
                    let i = shared.next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() || !shared.admit(i, window) {
                        break;
                    }
                    let result = pool.install(|| work(&items[i]));
                    if tx.send((i, result)).is_err() {
                        break;
                    }
                }
                // Finished normally: the others go on.
                std::mem::forget(stop);
            });
        }
        drop(tx);
        // Whatever way this thread leaves (an error, a panic in `each`),
        // the feeders stop.
        let _stop = StopOnDrop(shared);
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut handed = 0;
        for (i, result) in rx.iter() {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&handed) {
                handed += 1;
                shared.update(|p| p.handed = handed);
                each(result)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    /// Results come back in input order although later items finish first.
    #[test]
    fn results_are_handed_over_in_input_order() {
        let items: Vec<u64> = (0..300).collect();
        let mut seen = Vec::new();
        let r: Result<(), ()> = for_each(
            &items,
            &pool(4),
            8,
            |&i| {
                // Early items take longest.
                std::thread::sleep(std::time::Duration::from_micros(300 - i));
                i * 2
            },
            |v| {
                seen.push(v);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }

    /// The first error stops the run: it is returned, nothing after it is
    /// handed over, and the workers stop taking items.
    #[test]
    fn the_first_error_stops_the_run() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let r = for_each(
            &items,
            &pool(2),
            4,
            |&i| {
                started.fetch_add(1, Ordering::Relaxed);
                i
            },
            |v| {
                if v == 10 {
                    return Err(format!("stop at {v}"));
                }
                seen.push(v);
                Ok(())
            },
        );
        assert_eq!(r, Err("stop at 10".to_string()));
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
        // The window keeps the workers within a few items of the error.
        assert!(started.load(Ordering::Relaxed) <= 10 + 4 + 2, "{started:?}");
    }

    /// The workers never run more than the window ahead of what was handed
    /// over, so memory is bounded whatever the number of items.
    #[test]
    fn workers_stay_within_the_window() {
        let items: Vec<usize> = (0..2_000).collect();
        let handed = AtomicUsize::new(0);
        let ahead = AtomicUsize::new(0);
        let r: Result<(), ()> = for_each(
            &items,
            &pool(3),
            5,
            |&i| {
                let lead = i.saturating_sub(handed.load(Ordering::SeqCst));
                ahead.fetch_max(lead, Ordering::SeqCst);
                i
            },
            |_| {
                handed.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(handed.load(Ordering::SeqCst), items.len());
        assert!(ahead.load(Ordering::SeqCst) <= 5, "{ahead:?}");
    }

    /// Run `f` on its own thread; whether it panicked, or None if it did
    /// not finish within a few seconds (a hang).
    fn panics_in_time(f: impl FnOnce() + Send + 'static) -> Option<bool> {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = tx.send(r.is_err());
        });
        rx.recv_timeout(std::time::Duration::from_secs(10)).ok()
    }

    /// A panic while handing a result over, or in the work of one item,
    /// stops every worker and reaches the caller: nothing hangs.
    #[test]
    fn a_panic_stops_the_run_instead_of_hanging_it() {
        let items: Vec<usize> = (0..1_000).collect();
        let in_each = items.clone();
        let r = panics_in_time(move || {
            let _: Result<(), ()> = for_each(
                &in_each,
                &pool(2),
                4,
                |&i| i,
                |v| {
                    assert!(v != 10, "handing over {v}");
                    Ok(())
                },
            );
        });
        assert_eq!(r, Some(true), "a panic in `each`");
        let r = panics_in_time(move || {
            let _: Result<(), ()> = for_each(
                &items,
                &pool(2),
                4,
                |&i| {
                    assert!(i != 10, "working on {i}");
                    i
                },
                |_| Ok(()),
            );
        });
        assert_eq!(r, Some(true), "a panic in `work`");
    }

    /// Work that splits itself on the pool (as a large document does) with
    /// a narrow window: every item comes back, in order, and nothing hangs.
    /// One pool thread is kept busy while the run starts, so that the other
    /// splits its work while jobs of the run still wait in the pool: a pool
    /// thread waiting inside its split work may then take one of them.
    #[test]
    fn work_split_on_the_pool_does_not_hang_the_window() {
        use rayon::prelude::*;
        let r = panics_in_time(|| {
            let items: Vec<u64> = (0..200).collect();
            let p = pool(2);
            p.spawn(|| std::thread::sleep(std::time::Duration::from_millis(30)));
            let mut seen = Vec::new();
            let r: Result<(), ()> = for_each(
                &items,
                &p,
                2,
                |&i| {
                    (0..20_000u64)
                        .into_par_iter()
                        .map(|k| std::hint::black_box(k % 7))
                        .sum::<u64>()
                        + i
                },
                |v| {
                    seen.push(v);
                    Ok(())
                },
            );
            assert!(r.is_ok());
            let base: u64 = (0..20_000u64).map(|k| k % 7).sum();
            assert_eq!(seen, items.iter().map(|i| i + base).collect::<Vec<_>>());
        });
        assert_eq!(r, Some(false), "finished in time without a panic");
    }

    #[test]
    fn no_items_no_results() {
        let r: Result<(), ()> = for_each(&[] as &[u8], &pool(2), 4, |&b| b, |_| Err(()));
        assert!(r.is_ok());
    }
}
