//! Where rooms keep what they hold (spec §13.3): SQLite, embedded, by default; Postgres for a
//! county or province that runs several instances behind a load balancer. One interface, the
//! same tests against both.
//!
//! A room holds its owner's secret only as a SHA-256 digest, the round's public document, and
//! sealed ballots — never a key, never anything readable. A ballot is acknowledged only once it
//! is committed: SQLite in WAL mode with `synchronous=FULL`, Postgres with its default
//! `synchronous_commit`. Sequence numbers are per room and committed in order (the room's row is
//! locked while a ballot is added), so a reader asking for `after=N` never skips one.

use std::path::Path;
use std::sync::{Arc, Mutex};

/// A room as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Room {
    pub id: String,
    /// Lowercase hex SHA-256 of the owner's secret.
    pub secret_hash: String,
    /// Seconds since the Unix epoch.
    pub expires: i64,
    /// The round's public document (`cxzy/round@1`), once the owner has put it.
    pub round: Option<String>,
}

/// A stored ballot: its place in the room and its sealed document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub seq: i64,
    pub token: String,
    /// The `cxzy/sealed-ballot@1` document's JSON text.
    pub body: String,
}

/// How many different ballots one token may have in a room. A token's id is public (the round
/// names it): whoever posts junk under it first must not shut its rater out (spec §12.3: a
/// refused ballot spends no token). The owner's opening takes the first that opens.
pub const PER_TOKEN: i64 = 3;

/// A ballot added, or found already there (the very same body: a resend after a lost answer).
#[derive(Debug, PartialEq, Eq)]
pub struct Added {
    pub seq: i64,
    pub again: bool,
}

/// Why a ballot was not added.
#[derive(Debug, PartialEq, Eq)]
pub enum AddRefused {
    /// No such room (or it expired).
    NoRoom,
    /// The room holds as many ballots with this token as it keeps ([`PER_TOKEN`]).
    TokenUsed,
    /// The room holds as many ballots as it may.
    Full,
}

/// A storage failure (the database is unreachable, the disk is full…): a 503, logged.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(format!("sqlite: {e}"))
    }
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        // The server's own words ("db error" alone says nothing); no URL or secret is in them.
        match e.as_db_error() {
            Some(db) => StoreError(format!("postgres: {} ({})", db.message(), db.code().code())),
            None => StoreError(format!("postgres: {e}")),
        }
    }
}

/// The storage of rooms: SQLite or Postgres.
#[derive(Clone)]
pub enum Store {
    Sqlite(Arc<Mutex<rusqlite::Connection>>),
    Postgres(Arc<Pg>),
}

impl Store {
    /// SQLite in `dir/rooms.sqlite3` (the directory is made if missing).
    pub fn sqlite(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError(format!("{}: {e}", dir.display())))?;
        let conn = rusqlite::Connection::open(dir.join("rooms.sqlite3"))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL: readers do not block the writer; FULL: a commit is on disk before it returns.
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError(format!(
                "sqlite: journal_mode is {mode}, not wal"
            )));
        }
        conn.execute_batch(
            "PRAGMA synchronous=FULL;
             PRAGMA foreign_keys=ON;
             CREATE TABLE IF NOT EXISTS rooms (
               id TEXT PRIMARY KEY,
               secret_hash TEXT NOT NULL,
               expires INTEGER NOT NULL,
               round TEXT,
               next_seq INTEGER NOT NULL DEFAULT 0
             );
             CREATE TABLE IF NOT EXISTS ballots (
               room TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
               seq INTEGER NOT NULL,
               token TEXT NOT NULL,
               body TEXT NOT NULL,
               PRIMARY KEY (room, seq)
             );
             CREATE INDEX IF NOT EXISTS ballots_by_token ON ballots (room, token);",
        )?;
        Ok(Store::Sqlite(Arc::new(Mutex::new(conn))))
    }

    /// Postgres at a `postgres://` URL; the tables are made if missing (by one instance at a
    /// time: an advisory lock).
    pub async fn postgres(url: &str) -> Result<Store, StoreError> {
        let pg = Pg::connect(url, 4).await?;
        let client = pg.client().await?;
        client
            // One instance at a time, and the lock held until the tables are committed (a
            // transaction's lock: a session's lock released inside the implicit transaction let
            // a second instance create the same table before the first committed it).
            .batch_execute(
                "BEGIN;
                 SELECT pg_advisory_xact_lock(7301);
                 CREATE TABLE IF NOT EXISTS cxzy_rooms (
                   id TEXT PRIMARY KEY,
                   secret_hash TEXT NOT NULL,
                   expires BIGINT NOT NULL,
                   round TEXT,
                   next_seq BIGINT NOT NULL DEFAULT 0
                 );
                 CREATE TABLE IF NOT EXISTS cxzy_ballots (
                   room TEXT NOT NULL REFERENCES cxzy_rooms(id) ON DELETE CASCADE,
                   seq BIGINT NOT NULL,
                   token TEXT NOT NULL,
                   body TEXT NOT NULL,
                   PRIMARY KEY (room, seq)
                 );
                 -- Only what is missing: on a live database a table's lock taken for nothing
                 -- (another instance starting) deadlocked with ballots being added.
                 DO $$ BEGIN
                   IF to_regclass('cxzy_ballots_by_token') IS NULL THEN
                     CREATE INDEX cxzy_ballots_by_token ON cxzy_ballots (room, token);
                   END IF;
                   -- The first builds refused a second ballot per token (a squatter could shut
                   -- a rater out); a database they made loses that constraint here.
                   IF EXISTS (SELECT 1 FROM pg_constraint
                              WHERE conname = 'cxzy_ballots_room_token_key') THEN
                     ALTER TABLE cxzy_ballots DROP CONSTRAINT cxzy_ballots_room_token_key;
                   END IF;
                 END $$;
                 COMMIT;",
            )
            .await?;
        drop(client);
        Ok(Store::Postgres(Arc::new(pg)))
    }

    /// SQLite's journal mode and `synchronous` level as the connection runs them (`None` for
    /// Postgres): what the durability promise rests on, for the tests to hold.
    pub async fn sqlite_durability(&self) -> Result<Option<(String, i64)>, StoreError> {
        match self {
            Store::Sqlite(c) => {
                Self::blocking(c, |c| {
                    let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
                    let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
                    Ok(Some((mode, sync)))
                })
                .await
            }
            Store::Postgres(_) => Ok(None),
        }
    }

    /// Runs a closure on the SQLite connection off the async threads.
    async fn blocking<T: Send + 'static>(
        conn: &Arc<Mutex<rusqlite::Connection>>,
        f: impl FnOnce(&mut rusqlite::Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let conn = Arc::clone(conn);
        tokio::task::spawn_blocking(move || {
            let mut guard = conn
                .lock()
                .map_err(|_| StoreError("sqlite: a writer panicked".into()))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| StoreError(format!("sqlite task: {e}")))?
    }

    /// Makes a room; `false` when the id is taken (the caller draws another).
    pub async fn create_room(
        &self,
        id: &str,
        secret_hash: &str,
        expires: i64,
    ) -> Result<bool, StoreError> {
        let (id, hash) = (id.to_owned(), secret_hash.to_owned());
        match self {
            Store::Sqlite(c) => {
                Self::blocking(c, move |c| {
                    Ok(c.execute(
                        "INSERT INTO rooms (id, secret_hash, expires) VALUES (?1, ?2, ?3)
                         ON CONFLICT (id) DO NOTHING",
                        rusqlite::params![id, hash, expires],
                    )? == 1)
                })
                .await
            }
            Store::Postgres(pg) => Ok(pg
                .client()
                .await?
                .execute(
                    "INSERT INTO cxzy_rooms (id, secret_hash, expires) VALUES ($1, $2, $3)
                     ON CONFLICT (id) DO NOTHING",
                    &[&id, &hash, &expires],
                )
                .await?
                == 1),
        }
    }

    /// A room that has not expired by `now`.
    pub async fn room(&self, id: &str, now: i64) -> Result<Option<Room>, StoreError> {
        let id = id.to_owned();
        match self {
            Store::Sqlite(c) => {
                Self::blocking(c, move |c| {
                    use rusqlite::OptionalExtension;
                    Ok(c.query_row(
                        "SELECT id, secret_hash, expires, round FROM rooms
                         WHERE id = ?1 AND expires > ?2",
                        rusqlite::params![id, now],
                        |r| {
                            Ok(Room {
                                id: r.get(0)?,
                                secret_hash: r.get(1)?,
                                expires: r.get(2)?,
                                round: r.get(3)?,
                            })
                        },
                    )
                    .optional()?)
                })
                .await
            }
            Store::Postgres(pg) => Ok(pg
                .client()
                .await?
                .query_opt(
                    "SELECT id, secret_hash, expires, round FROM cxzy_rooms
                     WHERE id = $1 AND expires > $2",
                    &[&id, &now],
                )
                .await?
                .map(|r| Room {
                    id: r.get(0),
                    secret_hash: r.get(1),
                    expires: r.get(2),
                    round: r.get(3),
                })),
        }
    }

    /// Sets the room's round where none is set yet; `false` when one is (or the room is gone).
    pub async fn set_round(&self, id: &str, round: &str, now: i64) -> Result<bool, StoreError> {
        let (id, round) = (id.to_owned(), round.to_owned());
        match self {
            Store::Sqlite(c) => {
                Self::blocking(c, move |c| {
                    Ok(c.execute(
                        "UPDATE rooms SET round = ?2 WHERE id = ?1 AND round IS NULL AND expires > ?3",
                        rusqlite::params![id, round, now],
                    )? == 1)
                })
                .await
            }
            Store::Postgres(pg) => Ok(pg
                .client()
                .await?
                .execute(
                    "UPDATE cxzy_rooms SET round = $2 WHERE id = $1 AND round IS NULL AND expires > $3",
                    &[&id, &round, &now],
                )
                .await?
                == 1),
        }
    }

    /// Adds a ballot, committed before this returns: its sequence number in the room; the very
    /// same ballot again is found (`again`), not added twice.
    pub async fn add_ballot(
        &self,
        room: &str,
        token: &str,
        body: &str,
        now: i64,
        max: i64,
    ) -> Result<Result<Added, AddRefused>, StoreError> {
        let (room, token, body) = (room.to_owned(), token.to_owned(), body.to_owned());
        match self {
            Store::Sqlite(c) => {
                Self::blocking(c, move |c| {
                    use rusqlite::OptionalExtension;
                    // IMMEDIATE: the write lock first, so the next number and the insert are one.
                    let tx =
                        c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                    let next: Option<i64> = tx
                        .query_row(
                            "SELECT next_seq FROM rooms WHERE id = ?1 AND expires > ?2",
                            rusqlite::params![room, now],
                            |r| r.get(0),
                        )
                        .optional()?;
                    let Some(next) = next else {
                        return Ok(Err(AddRefused::NoRoom));
                    };
                    let same: Option<i64> = tx
                        .query_row(
                            "SELECT seq FROM ballots WHERE room = ?1 AND token = ?2 AND body = ?3",
                            rusqlite::params![room, token, body],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if let Some(seq) = same {
                        return Ok(Ok(Added { seq, again: true }));
                    }
                    let held: i64 = tx.query_row(
                        "SELECT count(*) FROM ballots WHERE room = ?1 AND token = ?2",
                        rusqlite::params![room, token],
                        |r| r.get(0),
                    )?;
                    if held >= PER_TOKEN {
                        return Ok(Err(AddRefused::TokenUsed));
                    }
                    if next >= max {
                        return Ok(Err(AddRefused::Full));
                    }
                    let seq = next + 1;
                    tx.execute(
                        "INSERT INTO ballots (room, seq, token, body) VALUES (?1, ?2, ?3, ?4)",
                        rusqlite::params![room, seq, token, body],
                    )?;
                    tx.execute(
                        "UPDATE rooms SET next_seq = ?2 WHERE id = ?1",
                        rusqlite::params![room, seq],
                    )?;
                    tx.commit()?;
                    Ok(Ok(Added { seq, again: false }))
                })
                .await
            }
            Store::Postgres(pg) => {
                let mut client = pg.client().await?;
                let tx = client.transaction().await?;
                // The room's row locked until commit: numbers are committed in order.
                let Some(row) = tx
                    .query_opt(
                        "SELECT next_seq FROM cxzy_rooms WHERE id = $1 AND expires > $2 FOR UPDATE",
                        &[&room, &now],
                    )
                    .await?
                else {
                    return Ok(Err(AddRefused::NoRoom));
                };
                let next: i64 = row.get(0);
                if let Some(row) = tx
                    .query_opt(
                        "SELECT seq FROM cxzy_ballots WHERE room = $1 AND token = $2 AND body = $3",
                        &[&room, &token, &body],
                    )
                    .await?
                {
                    return Ok(Ok(Added {
                        seq: row.get(0),
                        again: true,
                    }));
                }
                let held: i64 = tx
                    .query_one(
                        "SELECT count(*) FROM cxzy_ballots WHERE room = $1 AND token = $2",
                        &[&room, &token],
                    )
                    .await?
                    .get(0);
                if held >= PER_TOKEN {
                    return Ok(Err(AddRefused::TokenUsed));
                }
                if next >= max {
                    return Ok(Err(AddRefused::Full));
                }
                let seq = next + 1;
                tx.execute(
                    "INSERT INTO cxzy_ballots (room, seq, token, body) VALUES ($1, $2, $3, $4)",
                    &[&room, &seq, &token, &body],
                )
                .await?;
                tx.execute(
                    "UPDATE cxzy_rooms SET next_seq = $2 WHERE id = $1",
                    &[&room, &seq],
                )
                .await?;
                tx.commit().await?;
                Ok(Ok(Added { seq, again: false }))
            }
        }
    }

    /// The room's ballots numbered above `after`, in order, at most `limit`.
    pub async fn ballots(
        &self,
        room: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<Stored>, StoreError> {
        let room = room.to_owned();
        match self {
            Store::Sqlite(c) => {
                Self::blocking(c, move |c| {
                    let mut q = c.prepare_cached(
                        "SELECT seq, token, body FROM ballots WHERE room = ?1 AND seq > ?2
                         ORDER BY seq LIMIT ?3",
                    )?;
                    let rows = q.query_map(rusqlite::params![room, after, limit], |r| {
                        Ok(Stored {
                            seq: r.get(0)?,
                            token: r.get(1)?,
                            body: r.get(2)?,
                        })
                    })?;
                    Ok(rows.collect::<Result<Vec<_>, _>>()?)
                })
                .await
            }
            Store::Postgres(pg) => Ok(pg
                .client()
                .await?
                .query(
                    "SELECT seq, token, body FROM cxzy_ballots WHERE room = $1 AND seq > $2
                     ORDER BY seq LIMIT $3",
                    &[&room, &after, &limit],
                )
                .await?
                .into_iter()
                .map(|r| Stored {
                    seq: r.get(0),
                    token: r.get(1),
                    body: r.get(2),
                })
                .collect()),
        }
    }

    /// How many ballots the room holds.
    pub async fn count(&self, room: &str) -> Result<i64, StoreError> {
        let room = room.to_owned();
        match self {
            Store::Sqlite(c) => {
                Self::blocking(c, move |c| {
                    Ok(c.query_row(
                        "SELECT count(*) FROM ballots WHERE room = ?1",
                        [room],
                        |r| r.get(0),
                    )?)
                })
                .await
            }
            Store::Postgres(pg) => Ok(pg
                .client()
                .await?
                .query_one(
                    "SELECT count(*) FROM cxzy_ballots WHERE room = $1",
                    &[&room],
                )
                .await?
                .get(0)),
        }
    }

    /// Deletes a room and its ballots; `false` when there was none.
    pub async fn delete_room(&self, id: &str) -> Result<bool, StoreError> {
        let id = id.to_owned();
        match self {
            Store::Sqlite(c) => {
                Self::blocking(c, move |c| {
                    Ok(c.execute("DELETE FROM rooms WHERE id = ?1", [id])? == 1)
                })
                .await
            }
            Store::Postgres(pg) => Ok(pg
                .client()
                .await?
                .execute("DELETE FROM cxzy_rooms WHERE id = $1", &[&id])
                .await?
                == 1),
        }
    }

    /// Deletes every room expired by `now` (and its ballots): how many.
    pub async fn purge(&self, now: i64) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(c) => {
                Self::blocking(c, move |c| {
                    Ok(c.execute("DELETE FROM rooms WHERE expires <= ?1", [now])? as u64)
                })
                .await
            }
            Store::Postgres(pg) => Ok(pg
                .client()
                .await?
                .execute("DELETE FROM cxzy_rooms WHERE expires <= $1", &[&now])
                .await?),
        }
    }
}

/// A few Postgres connections, used in turn; one found closed is opened again.
pub struct Pg {
    url: String,
    clients: Vec<tokio::sync::Mutex<Option<tokio_postgres::Client>>>,
    next: std::sync::atomic::AtomicUsize,
}

/// A connection lent out (a transaction needs it to itself).
pub type PgClient<'a> = tokio::sync::MappedMutexGuard<'a, tokio_postgres::Client>;

impl Pg {
    async fn connect(url: &str, n: usize) -> Result<Pg, StoreError> {
        let pg = Pg {
            url: url.to_owned(),
            clients: (0..n.max(1))
                .map(|_| tokio::sync::Mutex::new(None))
                .collect(),
            next: std::sync::atomic::AtomicUsize::new(0),
        };
        // The first connection now: a wrong URL or password is said at start, not at the first
        // ballot.
        drop(pg.client().await?);
        Ok(pg)
    }

    async fn open(&self) -> Result<tokio_postgres::Client, StoreError> {
        let mut config: tokio_postgres::Config = self
            .url
            .parse()
            .map_err(|e| StoreError(format!("postgres: the URL does not read: {e}")))?;
        // A database that stops answering fails a request in seconds, not never: a connection
        // that cannot be made, a half-open one (keepalives), a statement that hangs.
        config
            .connect_timeout(std::time::Duration::from_secs(10))
            .keepalives(true)
            .keepalives_idle(std::time::Duration::from_secs(30))
            .options("-c statement_timeout=15000");
        let (client, connection) = config
            .connect(tokio_postgres::NoTls)
            .await
            .map_err(|e| StoreError(format!("postgres: cannot connect: {e}")))?;
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                eprintln!("cxzy serve: postgres connection closed: {e}");
            }
        });
        Ok(client)
    }

    /// The next connection in turn, opened (again) where needed.
    pub async fn client(&self) -> Result<PgClient<'_>, StoreError> {
        let n = self.clients.len();
        let k = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % n;
        let Some(slot) = self.clients.get(k) else {
            return Err(StoreError("postgres: no connection".into()));
        };
        let mut guard = slot.lock().await;
        if guard.as_ref().is_none_or(|c| c.is_closed()) {
            *guard = Some(self.open().await?);
        }
        tokio::sync::MutexGuard::try_map(guard, |c| c.as_mut())
            .map_err(|_| StoreError("postgres: no connection".into()))
    }
}
