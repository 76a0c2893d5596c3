//! A map that forgets its oldest entries past a fixed size, so that a server running for months
//! holds memory bounded by its configuration, not by its traffic.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

/// At most `capacity` entries; inserting a new key past that forgets the key inserted first.
#[derive(Debug)]
pub(crate) struct Bounded<K, V> {
    map: HashMap<K, V>,
    order: VecDeque<K>,
    capacity: usize,
}

impl<K: Hash + Eq + Clone, V> Bounded<K, V> {
    pub(crate) fn new(capacity: usize) -> Self {
        Self { map: HashMap::new(), order: VecDeque::new(), capacity }
    }

    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        self.map.get(key)
    }

    /// Sets `key` to `value`; a new key may push the oldest one out. With capacity 0 nothing is
    /// kept.
    pub(crate) fn insert(&mut self, key: K, value: V) {
        if self.capacity == 0 {
            return;
        }
        if let Some(slot) = self.map.get_mut(&key) {
            *slot = value;
            return;
        }
        if self.order.len() == self.capacity {
            if let Some(oldest) = self.order.pop_front() {
                self.map.remove(&oldest);
            }
        }
        self.order.push_back(key.clone());
        self.map.insert(key, value);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.map.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgets_the_oldest_past_capacity() {
        let mut map = Bounded::new(2);
        map.insert("a", 1);
        map.insert("b", 2);
        map.insert("a", 3);
        assert_eq!((map.get(&"a"), map.get(&"b"), map.len()), (Some(&3), Some(&2), 2));
        map.insert("c", 4);
        assert_eq!((map.get(&"a"), map.get(&"b"), map.get(&"c"), map.len()), (None, Some(&2), Some(&4), 2));
    }

    #[test]
    fn capacity_zero_keeps_nothing() {
        let mut map = Bounded::new(0);
        map.insert("a", ());
        assert_eq!((map.get(&"a"), map.len()), (None, 0));
    }
}
