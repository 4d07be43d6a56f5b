//! The workspace's service levels as the browser applies them: the settings kept in `meta` and
//! the time zone they name, whose rules the browser's `Intl` knows (the domain crate carries no
//! zone data). The ticket pages, the tickets list, the dashboard and the worker's service report
//! all read them here, so a ticket is due at the same instant everywhere.

use crate::store::{Store, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::sla::{SlaSettings, TicketClocks, Zone};
use hearth_domain::Ticket;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

/// A time zone by its IANA name, its offsets asked of `Intl.DateTimeFormat`, or the browser's own
/// zone (asked of `Date`).
pub struct BrowserZone {
    /// `None`: the browser's own zone.
    format: Option<js_sys::Intl::DateTimeFormat>,
    /// Offsets by half hour: every zone changes its offset on a UTC half hour, and a list of
    /// 50,000 tickets asks the same few thousand instants again and again.
    offsets: RefCell<HashMap<i64, i32>>,
}

/// Seconds in the span an offset is cached for.
const OFFSET_SPAN: i64 = 30 * 60;

impl BrowserZone {
    /// The zone the service levels' setting names: the browser's own when it is empty or names
    /// a zone this browser does not know.
    pub fn of_setting(name: &str) -> BrowserZone {
        BrowserZone::named(name)
            .or_else(|_| BrowserZone::named(""))
            .unwrap_or(BrowserZone {
                format: None,
                offsets: RefCell::new(HashMap::new()),
            })
    }

    /// The zone named `name` (`Europe/Berlin`); the browser's own for an empty name. An unknown
    /// name is refused, as the browser words it.
    pub fn named(name: &str) -> Result<BrowserZone, String> {
        let format = if name.trim().is_empty() {
            None
        } else {
            Some(zone_format(name.trim()).map_err(|e| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_else(|| format!("{e:?}"))
            })?)
        };
        Ok(BrowserZone {
            format,
            offsets: RefCell::new(HashMap::new()),
        })
    }

    /// The browser's own zone's name (`Asia/Shanghai`), what an empty setting means.
    pub fn browser_zone_name() -> String {
        let format =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
            .ok()
            .and_then(|name| name.as_string())
            .unwrap_or_default()
    }

    fn ask(&self, seconds: i64) -> i32 {
        let date = js_sys::Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
        let Some(format) = &self.format else {
            // Minutes west of UTC.
            return (-date.get_timezone_offset() * 60.0) as i32;
        };
        let mut fields = [0i64; 6];
        for part in format.format_to_parts(&date).iter() {
            let field = |name: &str| {
                js_sys::Reflect::get(&part, &name.into())
                    .ok()
                    .and_then(|value| value.as_string())
                    .unwrap_or_default()
            };
            let at = match field("type").as_str() {
                "year" => 0,
                "month" => 1,
                "day" => 2,
                "hour" => 3,
                "minute" => 4,
                "second" => 5,
                _ => continue,
            };
            fields[at] = field("value").parse().unwrap_or(0);
        }
        let [year, month, day, hour, minute, second] = fields;
        let local = NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32)
            .and_then(|day| day.and_hms_opt(hour as u32 % 24, minute as u32, second as u32));
        local.map_or(0, |local| (local.and_utc().timestamp() - seconds) as i32)
    }
}

/// `Intl.DateTimeFormat` in `zone`, writing every field as a number on a 24-hour clock; the
/// browser's `RangeError` for a zone it does not know.
fn zone_format(zone: &str) -> Result<js_sys::Intl::DateTimeFormat, JsValue> {
    let options = js_sys::Object::new();
    let set = |key: &str, value: &str| js_sys::Reflect::set(&options, &key.into(), &value.into());
    set("timeZone", zone)?;
    set("hourCycle", "h23")?;
    for field in ["year", "month", "day", "hour", "minute", "second"] {
        set(field, "numeric")?;
    }
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into())?;
    let constructor: js_sys::Function =
        js_sys::Reflect::get(&intl, &"DateTimeFormat".into())?.dyn_into()?;
    let arguments = js_sys::Array::of2(&"en-US".into(), &options);
    Ok(js_sys::Reflect::construct(&constructor, &arguments)?.unchecked_into())
}

impl Zone for BrowserZone {
    fn offset_seconds(&self, at: DateTime<Utc>) -> i32 {
        let span = at.timestamp().div_euclid(OFFSET_SPAN);
        if let Some(offset) = self.offsets.borrow().get(&span) {
            return *offset;
        }
        let offset = self.ask(span * OFFSET_SPAN);
        self.offsets.borrow_mut().insert(span, offset);
        offset
    }
}

/// The workspace's service-level settings with their zone, read together.
pub struct ServiceLevels {
    /// The settings (the defaults until the user saves some).
    pub settings: SlaSettings,
    /// The zone their working hours are in.
    pub zone: BrowserZone,
}

impl ServiceLevels {
    /// The settings kept in `store`, in their zone; the browser's zone if the kept name is one
    /// this browser does not know.
    pub async fn read(store: &Store) -> StoreResult<ServiceLevels> {
        let settings: SlaSettings = store.meta(SlaSettings::KEY).await?.unwrap_or_default();
        let zone = BrowserZone::of_setting(&settings.zone);
        Ok(ServiceLevels { settings, zone })
    }

    /// `ticket`'s clocks at `now`.
    pub fn clocks(&self, ticket: &Ticket, now: DateTime<Utc>) -> TicketClocks {
        self.settings.clocks(ticket, &self.zone, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn named_zones_follow_their_daylight_saving_rules() {
        let berlin = BrowserZone::named("Europe/Berlin").unwrap();
        let winter = Utc.with_ymd_and_hms(2026, 3, 29, 0, 59, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
        assert_eq!(berlin.offset_seconds(winter), 3600);
        assert_eq!(berlin.offset_seconds(summer), 7200);
        // Asked again: the same answer, from the cache.
        assert_eq!(berlin.offset_seconds(winter), 3600);
        let kolkata = BrowserZone::named("Asia/Kolkata").unwrap();
        assert_eq!(kolkata.offset_seconds(summer), 5 * 3600 + 1800);
        assert!(BrowserZone::named("Mars/Olympus").is_err());
        assert!(!BrowserZone::browser_zone_name().is_empty());
    }
}
