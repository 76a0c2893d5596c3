//! Round trip: valid values of every content type, templates included, serialize, come back
//! equal through `Deserialize`, and pass the JSON checker as valid with the same typed request.
//!
//! More cases: `PROPTEST_CASES=100000 cargo test --test prop_roundtrip`.

#[path = "support/strategies.rs"]
mod strategies;

use exotel_whatsapp::check;
use exotel_whatsapp::content::{Content, Interactive};
use exotel_whatsapp::template::Template;
use exotel_whatsapp::{Message, Request};
use proptest::prelude::*;
use strategies::config;

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn content_round_trips(content in strategies::content()) {
        let json = serde_json::to_value(&content).unwrap();
        let back: Content = serde_json::from_value(json.clone()).unwrap();
        prop_assert_eq!(&back, &content);
        prop_assert_eq!(serde_json::to_value(&back).unwrap(), json);
    }

    #[test]
    fn interactive_and_templates_round_trip_on_their_own(
        interactive in prop_oneof![strategies::reply_buttons(), strategies::list()],
        template in strategies::template(),
    ) {
        let back: Interactive = serde_json::from_value(serde_json::to_value(&interactive).unwrap()).unwrap();
        prop_assert_eq!(back, interactive);
        let back: Template = serde_json::from_value(serde_json::to_value(&template).unwrap()).unwrap();
        prop_assert_eq!(back, template);
    }

    #[test]
    fn requests_round_trip_and_check_valid(request in strategies::request()) {
        let bytes = serde_json::to_vec(&request).unwrap();
        let back: Request = serde_json::from_slice(&bytes).unwrap();
        prop_assert_eq!(&back, &request);
        let report = check::check(&bytes);
        prop_assert!(report.is_valid(), "{:?}", report.errors());
        prop_assert_eq!(report.request(), Some(&request));
        for (i, message) in request.messages().iter().enumerate() {
            let json = serde_json::to_value(message).unwrap();
            let back: Message = serde_json::from_value(json).unwrap();
            prop_assert_eq!(&back, &request.messages()[i]);
        }
    }
}
