//! A request budget kept in Redis, with the same rule as the in-process one
//! (`harvest_core::ratelimit`): a slot counts from when its request is sent until a window
//! after its response arrived, so Harvest, which counts arrivals, never sees more than the
//! limit in any window, whatever the travel times and however many processes share it.
//!
//! One sorted set per budget holds a member per slot: scored `now + lease` while in flight (a
//! process that dies holding a slot frees it after the lease and a window), then rescored to
//! the completion time. Each step is one Lua script, so taking a slot is one atomic round
//! trip, timed by the Redis server's clock (the processes' clocks may disagree).

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use harvest_core::ratelimit::{self, BoxFuture, Budget, RateLimit, Slot};
use redis::Script;

use crate::connection::Connection;
use crate::keys::{process_id, unique_name};

/// KEYS: slots, pause, processes. ARGV: limit, window ms, lease ms, member, instance.
/// Returns {1, 0, processes} for a slot taken, {0, us, processes} for a full budget (the
/// oldest slot's window ends in us), {2, us, processes} for a pause (Retry-After).
/// Slot scores are microseconds of the server's clock: milliseconds would let a window
/// start up to 1 ms early, and Harvest count one request more than the limit.
static ACQUIRE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit, window_ms, lease_ms = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local window, lease = window_ms * 1000, lease_ms * 1000
redis.call('ZADD', KEYS[3], now, ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - 60000000)
redis.call('PEXPIRE', KEYS[3], 120000)
local processes = redis.call('ZCARD', KEYS[3])
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {2, paused * 1000, processes} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window_ms + lease_ms)
  return {1, 0, processes}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, math.max(1, tonumber(oldest[2]) + window - now), processes}
",
    )
});

/// KEYS: slots. ARGV: member, window ms, lease ms. The slot's window starts now.
static RELEASE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
if redis.call('ZADD', KEYS[1], 'XX', 'CH', now, ARGV[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + tonumber(ARGV[3]))
end
return 0
",
    )
});

/// KEYS: pause. ARGV: ms. Extends the pause, never shortens it.
static PAUSE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 0
",
    )
});

pub(crate) struct RedisBudget {
    connection: Arc<Connection>,
    slots_key: String,
    pause_key: String,
    processes_key: String,
    limit: RateLimit,
    lease: Duration,
    /// The longest a process sleeps on a full budget before asking again: the average spacing
    /// of the limit, so a freed slot (in any process) is noticed soon.
    poll: Duration,
    /// One task per process asks Redis at a time and the others queue behind it here, in
    /// order: a full budget costs one poll per process, not one per waiting call.
    gate: tokio::sync::Mutex<()>,
    /// What the in-process fallback budgets are registered under (no secret).
    fallback_scope: String,
    /// The fallback budget in use, held here so that its history outlives its slots.
    fallback: std::sync::Mutex<Option<Arc<ratelimit::Limiter>>>,
}

impl RedisBudget {
    pub(crate) fn new(
        connection: Arc<Connection>,
        prefix: &str,
        name: &str,
        limit: RateLimit,
        lease: Duration,
    ) -> Self {
        let spacing = limit.window / limit.requests.max(1);
        RedisBudget {
            connection,
            slots_key: format!("{prefix}budget:{name}"),
            pause_key: format!("{prefix}pause:{name}"),
            processes_key: format!("{prefix}processes"),
            limit,
            lease,
            poll: spacing.clamp(Duration::from_millis(5), Duration::from_millis(250)),
            gate: tokio::sync::Mutex::new(()),
            fallback_scope: format!("{prefix}fallback:{name}"),
            fallback: std::sync::Mutex::new(None),
        }
    }

    /// A slot from Redis, or None when it cannot be reached.
    async fn shared_slot(&self) -> Option<Slot> {
        let _turn = self.gate.lock().await;
        loop {
            let member = unique_name();
            let (status, wait_us, processes): (i64, i64, i64) = self
                .connection
                .run(|mut manager| {
                    let mut invocation = ACQUIRE.prepare_invoke();
                    invocation
                        .key(&self.slots_key)
                        .key(&self.pause_key)
                        .key(&self.processes_key)
                        .arg(self.limit.requests)
                        .arg(millis(self.limit.window))
                        .arg(millis(self.lease))
                        .arg(&member)
                        .arg(process_id());
                    async move { invocation.invoke_async(&mut manager).await }
                })
                .await?;
            self.connection.saw_processes(processes);
            let wait = Duration::from_micros(u64::try_from(wait_us.max(1)).unwrap_or(1));
            match status {
                1 => {
                    return Some(Slot::new(SharedSlot {
                        connection: Arc::clone(&self.connection),
                        key: self.slots_key.clone(),
                        member,
                        window: self.limit.window,
                        lease: self.lease,
                    }))
                }
                2 => {
                    log::debug!(
                        "paused by Harvest's Retry-After for {:.1} s",
                        wait.as_secs_f64()
                    );
                    tokio::time::sleep(wait).await;
                }
                _ => tokio::time::sleep(wait.min(self.poll)).await,
            }
        }
    }

    /// The in-process budget used while Redis is down: this process's part of the limit.
    fn fallback(&self) -> Arc<ratelimit::Limiter> {
        let processes = self.connection.processes();
        let scaled = RateLimit {
            requests: (self.limit.requests / processes).max(1),
            window: self.limit.window,
        };
        let mut held = self.fallback.lock().unwrap_or_else(|p| p.into_inner());
        match held.as_ref() {
            Some(limiter) if limiter.limit() == scaled => Arc::clone(limiter),
            _ => {
                let limiter = ratelimit::shared(&self.fallback_scope, "", scaled);
                *held = Some(Arc::clone(&limiter));
                limiter
            }
        }
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis())
        .unwrap_or(u64::MAX)
        .max(1)
}

impl Budget for RedisBudget {
    fn acquire(&self) -> BoxFuture<'_, Slot> {
        Box::pin(async move {
            if let Some(slot) = self.shared_slot().await {
                return slot;
            }
            Slot::new(self.fallback().acquire().await)
        })
    }

    fn pause(&self, wait: Duration) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            // Set before the caller may send again; Redis down: nothing to share it with
            // (the connection logs that once), the caller still waits its own Retry-After.
            self.connection
                .run(|mut manager| async move {
                    PAUSE
                        .key(&self.pause_key)
                        .arg(millis(wait))
                        .invoke_async::<i64>(&mut manager)
                        .await
                })
                .await;
        })
    }
}

/// A slot taken in Redis; dropping it starts its window there (in a task: drop cannot wait).
struct SharedSlot {
    connection: Arc<Connection>,
    key: String,
    member: String,
    window: Duration,
    lease: Duration,
}

impl Drop for SharedSlot {
    fn drop(&mut self) {
        // Without a runtime (the process is ending) the slot frees itself after its lease.
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let connection = Arc::clone(&self.connection);
        let key = std::mem::take(&mut self.key);
        let member = std::mem::take(&mut self.member);
        let (window, lease) = (millis(self.window), millis(self.lease));
        runtime.spawn(async move {
            connection
                .run(|mut manager| async move {
                    RELEASE
                        .key(&key)
                        .arg(&member)
                        .arg(window)
                        .arg(lease)
                        .invoke_async::<i64>(&mut manager)
                        .await
                })
                .await
        });
    }
}
