//! The account itself: company settings, and the accounts the credentials reach (Harvest ID).

use super::rows::*;

pub(super) const COMPANY: Entity = Entity {
    name: "company",
    description: "The Harvest company (account) settings.",
    actions: &[
        get!(
            "get",
            "/company",
            [],
            "Get the company settings (time tracking mode, clock, currency, enabled features)."
        ),
        write!(
            "update",
            Patch,
            200,
            "/company",
            [
                body!(
                    "wants_timestamp_timers",
                    ParamType::Bool,
                    "true: time is tracked with start and end times; false: as durations."
                ),
                body!(
                    "weekly_capacity",
                    ParamType::Integer {
                        min: 0,
                        max: 604_800
                    },
                    "Weekly capacity in seconds."
                ),
            ],
            "Change the company's time tracking mode or weekly capacity."
        ),
    ],
};

pub(super) const ACCOUNTS: Entity = Entity {
    name: "accounts",
    description: "The Harvest and Forecast accounts the credentials can reach, from Harvest \
                  ID: use an account's id (product \"harvest\") as account_id.",
    actions: &[Action {
        name: "list",
        method: Method::Get,
        host: Host::Id,
        path: "/api/v2/accounts",
        params: &[],
        response: ResponseShape::List {
            record_key: "accounts",
            paging: Paging::Single,
        },
        expected_status: 200,
        fixed_body: &[],
        rules: &[],
        description: "List the accounts (id, name, product) the token can access; needs no \
                      account id.",
    }],
};
