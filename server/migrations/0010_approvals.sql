-- Informatization project filing (issue 5): the system registry, the data catalogue, applications
-- and their versions, attachments, every step taken, duplicate resolutions, the expert review and
-- its panel. Never edit once released.

CREATE TABLE registry_systems (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_department text        NOT NULL CHECK (length(owner_department) BETWEEN 1 AND 200),
  name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  functions        text        NOT NULL CHECK (length(functions) BETWEEN 1 AND 20000),
  data_resources   text[]      NOT NULL,
  hosting          text        NOT NULL CHECK (hosting IN ('provincial_government_cloud', 'own_machine_room',
                                                           'own_servers', 'other_cloud')),
  status           text        NOT NULL CHECK (status IN ('in_use', 'under_construction', 'retired')),
  project_code     text,       -- the filed project that delivered it (recorded at final acceptance)
  recorded_at      timestamptz NOT NULL,
  audit_index      bigint      NOT NULL,
  UNIQUE (owner_department, name)
);

CREATE TABLE catalogue_resources (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name             text        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  owner_department text        NOT NULL CHECK (length(owner_department) BETWEEN 1 AND 200),
  fields           text[]      NOT NULL,
  update_frequency text        NOT NULL CHECK (update_frequency IN ('realtime', 'daily', 'weekly', 'monthly',
                                                                    'quarterly', 'yearly', 'on_change')),
  sharing          text        NOT NULL CHECK (sharing IN ('unconditional', 'conditional', 'not_shared')),
  reason           text        NOT NULL DEFAULT '',
  recorded_at      timestamptz NOT NULL,
  audit_index      bigint      NOT NULL,
  CHECK (sharing = 'unconditional' OR length(reason) > 0)
);

-- The government departments an expert works or worked for: such experts never review that
-- department's applications.
CREATE TABLE expert_departments (
  account_id bigint NOT NULL REFERENCES accounts (id),
  department text   NOT NULL CHECK (length(department) BETWEEN 1 AND 200),
  PRIMARY KEY (account_id, department)
);

CREATE TABLE applications (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  department_account_id bigint      NOT NULL REFERENCES accounts (id),
  department            text        NOT NULL,  -- the department's name: its account's display name
  state                 text        NOT NULL,
  version               int         NOT NULL CHECK (version >= 1),  -- the current version
  state_since           timestamptz NOT NULL,
  approved_budget_fen   bigint      CHECK (approved_budget_fen > 0),
  project_code          text        UNIQUE,
  review_secret         bytea       CHECK (length(review_secret) = 32),  -- the panel seed's secret
  created_at            timestamptz NOT NULL
);
CREATE INDEX applications_by_department ON applications (department_account_id, id);
CREATE INDEX applications_by_state ON applications (state, state_since);

CREATE TABLE application_versions (
  application_id       bigint      NOT NULL REFERENCES applications (id),
  version              int         NOT NULL,
  name                 text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  project_type         text        NOT NULL CHECK (project_type IN ('build', 'operations', 'service')),
  requested_budget_fen bigint      NOT NULL CHECK (requested_budget_fen > 0),
  functions            text        NOT NULL CHECK (length(functions) BETWEEN 1 AND 20000),
  consumes             text[]      NOT NULL,
  produces             text[]      NOT NULL,
  hosting              text        NOT NULL,
  security_level       int         NOT NULL CHECK (security_level BETWEEN 1 AND 5),
  domestic_technology  text        NOT NULL,
  schedule_start       date        NOT NULL,
  schedule_end         date        NOT NULL CHECK (schedule_end >= schedule_start),
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (application_id, version)
);

CREATE TABLE application_attachments (
  application_id bigint      NOT NULL,
  version        int         NOT NULL,
  kind           text        NOT NULL CHECK (kind IN ('proposal', 'feasibility_study', 'preliminary_design')),
  media_type     text        NOT NULL,
  sha256         bytea       NOT NULL CHECK (length(sha256) = 32),
  content        bytea       NOT NULL,
  uploaded_at    timestamptz NOT NULL,
  audit_index    bigint      NOT NULL,
  PRIMARY KEY (application_id, version, kind),
  FOREIGN KEY (application_id, version) REFERENCES application_versions (application_id, version)
);

-- Every step an application took: its history, and the stage durations the bureau reports.
CREATE TABLE application_steps (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id bigint      NOT NULL REFERENCES applications (id),
  version        int         NOT NULL,
  step           text        NOT NULL,
  from_state     text        NOT NULL,
  to_state       text        NOT NULL,
  account_id     bigint      REFERENCES accounts (id),  -- null for steps the platform takes
  reason         text        NOT NULL DEFAULT '',
  at             timestamptz NOT NULL,
  audit_index    bigint      NOT NULL
);
CREATE INDEX application_steps_by_application ON application_steps (application_id, id);

-- A reviewer's resolution of one duplicate-construction match of one version.
CREATE TABLE duplicate_resolutions (
  application_id bigint      NOT NULL,
  version        int         NOT NULL,
  match_id       text        NOT NULL,  -- "S-000123" (registry system) or "A-000045" (application)
  score          double precision NOT NULL,
  resolution     text        NOT NULL CHECK (resolution IN ('reuse', 'extend', 'justify')),
  note           text        NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),
  account_id     bigint      NOT NULL REFERENCES accounts (id),
  at             timestamptz NOT NULL,
  audit_index    bigint      NOT NULL,
  PRIMARY KEY (application_id, version, match_id),
  FOREIGN KEY (application_id, version) REFERENCES application_versions (application_id, version)
);

CREATE TABLE application_panel_members (
  application_id bigint NOT NULL,
  version        int    NOT NULL,
  account_id     bigint NOT NULL REFERENCES accounts (id),
  draw_position  int    NOT NULL,
  seated         boolean NOT NULL,
  PRIMARY KEY (application_id, version, account_id),
  FOREIGN KEY (application_id, version) REFERENCES application_versions (application_id, version)
);

CREATE TABLE application_reviews (
  application_id bigint      NOT NULL,
  version        int         NOT NULL,
  account_id     bigint      NOT NULL REFERENCES accounts (id),
  necessity      int         NOT NULL CHECK (necessity BETWEEN 0 AND 100),
  feasibility    int         NOT NULL CHECK (feasibility BETWEEN 0 AND 100),
  security       int         NOT NULL CHECK (security BETWEEN 0 AND 100),
  budget         int         NOT NULL CHECK (budget BETWEEN 0 AND 100),
  opinion        text        NOT NULL CHECK (length(opinion) BETWEEN 1 AND 4000),
  at             timestamptz NOT NULL,
  audit_index    bigint      NOT NULL,
  PRIMARY KEY (application_id, version, account_id),
  FOREIGN KEY (application_id, version, account_id)
    REFERENCES application_panel_members (application_id, version, account_id)
);

CREATE INDEX tenders_by_project_code ON tenders (project_code) WHERE project_code IS NOT NULL;

-- The officials a department lets procure under its filed project: only their tenders may carry
-- the project's code.
CREATE TABLE project_purchasers (
  application_id bigint      NOT NULL REFERENCES applications (id),
  account_id     bigint      NOT NULL REFERENCES accounts (id),
  granted_by     bigint      NOT NULL REFERENCES accounts (id),
  granted_at     timestamptz NOT NULL,
  audit_index    bigint      NOT NULL,
  PRIMARY KEY (application_id, account_id)
);
