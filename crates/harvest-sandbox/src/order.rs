//! Field order of the stored records. They are `serde_json` maps, which keep keys sorted, but
//! Harvest sends fields in its own order (`id` first; see `harvest-fixtures/`) and clients may
//! show it. The generated records' order is learned once, per object shape (its set of
//! keys), and every answer is written in it; a shape never seen puts `id` first.

use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

/// The original key order of every object shape seen.
#[derive(Default, Debug)]
pub(crate) struct FieldOrders(HashMap<String, Vec<String>>);

fn shape<'a>(keys: impl Iterator<Item = &'a String>) -> String {
    let mut sorted: Vec<&str> = keys.map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.join(",")
}

impl FieldOrders {
    /// Learns the order of `value`'s objects (nested ones included) as serde writes them.
    pub(crate) fn learn<T: Serialize>(&mut self, value: &T) {
        if let Ok(text) = serde_json::to_string(value) {
            let mut deserializer = serde_json::Deserializer::from_str(&text);
            let _ = Learner(&mut self.0).deserialize(&mut deserializer);
        }
    }

    fn order_of<'m>(&self, map: &'m Map<String, Value>) -> Vec<&'m String> {
        match self.0.get(&shape(map.keys())) {
            Some(order) => order
                .iter()
                .filter_map(|k| map.get_key_value(k).map(|(k, _)| k))
                .collect(),
            None => {
                let id = map.get_key_value("id").map(|(k, _)| k);
                id.into_iter()
                    .chain(map.keys().filter(|k| k.as_str() != "id"))
                    .collect()
            }
        }
    }

    /// `value`, serialized in Harvest's field order.
    pub(crate) fn ordered<'a>(&'a self, value: &'a Map<String, Value>) -> Ordered<'a> {
        Ordered {
            orders: self,
            value: OrderedValue::Object(value),
        }
    }
}

enum OrderedValue<'a> {
    Object(&'a Map<String, Value>),
    Any(&'a Value),
}

pub(crate) struct Ordered<'a> {
    orders: &'a FieldOrders,
    value: OrderedValue<'a>,
}

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let orders = self.orders;
        fn nested<'v>(orders: &'v FieldOrders, value: &'v Value) -> Ordered<'v> {
            Ordered {
                orders,
                value: OrderedValue::Any(value),
            }
        }
        let map = match self.value {
            OrderedValue::Object(map) => map,
            OrderedValue::Any(Value::Object(map)) => map,
            OrderedValue::Any(Value::Array(items)) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&nested(orders, item))?;
                }
                return seq.end();
            }
            OrderedValue::Any(other) => return other.serialize(serializer),
        };
        let mut out = serializer.serialize_map(Some(map.len()))?;
        for key in self.orders.order_of(map) {
            out.serialize_entry(key, &nested(orders, &map[key]))?;
        }
        out.end()
    }
}

/// Walks a JSON document, recording each object's keys in document order.
struct Learner<'a>(&'a mut HashMap<String, Vec<String>>);

impl<'de> DeserializeSeed<'de> for Learner<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Learner<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Learner(&mut *self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(Learner(&mut *self.0))?;
            keys.push(key);
        }
        self.0.entry(shape(keys.iter())).or_insert(keys);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Client {
        name: &'static str,
        id: u64,
    }

    #[derive(Serialize)]
    struct Item {
        z: u8,
        a: u8,
    }

    #[derive(Serialize)]
    struct Top {
        id: u64,
        name: &'static str,
        client: Client,
        items: Vec<Item>,
    }

    #[test]
    fn answers_keep_the_learned_order() {
        let mut orders = FieldOrders::default();
        let top = Top {
            id: 1,
            name: "A",
            client: Client { name: "C", id: 2 },
            items: vec![Item { z: 1, a: 2 }],
        };
        orders.learn(&top);
        let original = serde_json::to_string(&top).expect("serializes");
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&original) else {
            panic!("an object");
        };
        let written = serde_json::to_string(&orders.ordered(&map)).expect("serializes");
        assert_eq!(written, original);
        let unknown: Map<String, Value> =
            serde_json::from_str(r#"{"b":1,"id":3,"a":2}"#).expect("json");
        let written = serde_json::to_string(&orders.ordered(&unknown)).expect("serializes");
        assert_eq!(written, r#"{"id":3,"a":2,"b":1}"#);
    }
}
