//! Demo accounts: one board member for every role, all with the same password.

use crate::auth;
use crate::state::AppState;
use crate::store::NewUserRecord;
use chrono::{DateTime, Duration, Utc};
use portal_contract::{Role, User};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo@2026";

struct DemoUser {
    username: &'static str,
    full_name: &'static str,
    roles: &'static [Role],
}

const USERS: &[DemoUser] = &[
    DemoUser {
        username: "author",
        full_name: "Nguyễn Văn An",
        roles: &[Role::Author],
    },
    DemoUser {
        username: "editor",
        full_name: "Hoàng Minh Đức",
        roles: &[Role::Editor],
    },
    DemoUser {
        username: "secretary",
        full_name: "Bùi Thị Ngọc Ánh",
        roles: &[Role::Secretary],
    },
    DemoUser {
        username: "chief",
        full_name: "Trịnh Văn Thành",
        roles: &[Role::ChiefEditor],
    },
    DemoUser {
        username: "director",
        full_name: "Lương Đức Trung",
        roles: &[Role::Director],
    },
    DemoUser {
        username: "admin",
        full_name: "Tạ Quang Vinh",
        roles: &[Role::Admin],
    },
    DemoUser {
        username: "author2",
        full_name: "Trần Thị Mai",
        roles: &[Role::Author],
    },
    DemoUser {
        username: "author3",
        full_name: "Lê Hoàng Nam",
        roles: &[Role::Author],
    },
    DemoUser {
        username: "author4",
        full_name: "Phạm Thị Thu Hà",
        roles: &[Role::Author],
    },
    DemoUser {
        username: "editor2",
        full_name: "Vũ Thị Lan",
        roles: &[Role::Editor],
    },
    DemoUser {
        username: "editor3",
        full_name: "Đặng Quốc Huy",
        roles: &[Role::Editor],
    },
    DemoUser {
        username: "secretary2",
        full_name: "Đỗ Văn Hải",
        roles: &[Role::Secretary],
    },
    DemoUser {
        username: "secretary3",
        full_name: "Ngô Thị Hồng",
        roles: &[Role::Secretary],
    },
    DemoUser {
        username: "chief2",
        full_name: "Lý Thị Minh Nguyệt",
        roles: &[Role::ChiefEditor],
    },
    DemoUser {
        username: "chief3",
        full_name: "Dương Công Tuấn",
        roles: &[Role::ChiefEditor],
    },
    // Network information security (Official Dispatch 1466).
    DemoUser {
        username: "local_office",
        full_name: "Phan Văn Lợi",
        roles: &[Role::LocalOffice],
    },
    DemoUser {
        username: "it_centre",
        full_name: "Cao Minh Khoa",
        roles: &[Role::ItCentre],
    },
    DemoUser {
        username: "communication_centre",
        full_name: "Mai Thị Thanh Hương",
        roles: &[Role::CommunicationCentre],
    },
];

/// Creates the demo accounts, created 200 days before `now`.
pub async fn seed_users(state: &AppState, now: DateTime<Utc>) -> Result<Vec<User>, String> {
    let mut users = Vec::with_capacity(USERS.len());
    for u in USERS {
        let hash = tokio::task::spawn_blocking(|| auth::hash_password(DEMO_PASSWORD))
            .await
            .map_err(|e| e.to_string())??;
        let record = NewUserRecord {
            username: u.username.to_string(),
            full_name: u.full_name.to_string(),
            email: Some(format!("{}@bhxh.invalid", u.username)),
            roles: u.roles.to_vec(),
            active: true,
            password_hash: hash,
            at: now - Duration::days(200),
        };
        users.push(
            state
                .store
                .create_user(&record, None)
                .await
                .map_err(|e| e.to_string())?,
        );
    }
    Ok(users)
}
