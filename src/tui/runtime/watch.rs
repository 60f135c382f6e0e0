//! Seeing other takers' files change: a watcher on the session's folder (inotify, FSEvents or
//! kqueue through `notify`) sends a message down a channel the loop looks at between events; where
//! no watcher can start (a network share, a full inotify table), a thread sends one every second
//! instead. Either runs off the UI thread; reading what changed is the store's, in the loop.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How often the other takers' files are looked at when nothing tells of their changes.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

/// Messages that another taker's files may have changed.
pub struct Watch {
    pub changes: Receiver<()>,
    /// Kept alive as long as the messages are wanted; None when polling.
    _watcher: Option<RecommendedWatcher>,
    /// Why the watcher could not start, when polling instead.
    pub polling: Option<String>,
}

impl Watch {
    /// Watches `folder` (and every file in it) and `header_dir` (only its own entries), sending a
    /// message for each change `news` says may be news; polls every second when no watcher
    /// starts.
    pub fn start(
        folder: &Path,
        header_dir: Option<&Path>,
        news: impl Fn(&Path) -> bool + Send + 'static,
    ) -> Watch {
        let (send, changes) = mpsc::channel();
        match watcher(folder, header_dir, news, send.clone()) {
            Ok(watcher) => Watch {
                changes,
                _watcher: Some(watcher),
                polling: None,
            },
            Err(error) => {
                poll(send);
                Watch {
                    changes,
                    _watcher: None,
                    polling: Some(error.to_string()),
                }
            }
        }
    }

    /// Whether a change was seen since the last call; every message waiting is taken.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.changes.try_recv().is_ok() {
            any = true;
        }
        any
    }
}

fn watcher(
    folder: &Path,
    header_dir: Option<&Path>,
    news: impl Fn(&Path) -> bool + Send + 'static,
    send: Sender<()>,
) -> notify::Result<RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let wanted = match &event {
            Ok(event) if event.kind.is_access() => false,
            Ok(event) => event.paths.is_empty() || event.paths.iter().any(|p| news(p)),
            // Events were lost (an overflowing queue): look at everything.
            Err(_) => true,
        };
        if wanted {
            let _ = send.send(());
        }
    })?;
    watcher.watch(folder, RecursiveMode::Recursive)?;
    if let Some(dir) = header_dir {
        watcher.watch(dir, RecursiveMode::NonRecursive)?;
    }
    Ok(watcher)
}

/// Sends a message every second until nobody listens.
fn poll(send: Sender<()>) {
    std::thread::spawn(move || {
        while send.send(()).is_ok() {
            std::thread::sleep(POLL_EVERY);
        }
    });
}
