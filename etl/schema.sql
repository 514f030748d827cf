-- The whole schema of the events database. Applied by etl.load.init_db; idempotent.
-- Raw tables hold what the ETL loaded; the dashboard reads only the views at the end.

CREATE TABLE IF NOT EXISTS articles (
    id            VARCHAR PRIMARY KEY,
    url           VARCHAR,
    title         VARCHAR,
    outlet        VARCHAR,
    published     DATE,
    language      VARCHAR,
    content_hash  VARCHAR NOT NULL,
    path          VARCHAR,
    summary       BOOLEAN NOT NULL DEFAULT FALSE  -- true: our own summary of the cited report
);

CREATE TABLE IF NOT EXISTS events (
    event_id        VARCHAR PRIMARY KEY,          -- stable content hash
    article_id      VARCHAR,                      -- null for feed rows without an article
    event_type      VARCHAR NOT NULL,
    cameo_code      VARCHAR NOT NULL,
    sender          VARCHAR,                      -- ISO 3166-1 alpha-3, or an IGO acronym
    sender_name     VARCHAR,
    recipient       VARCHAR,
    recipient_name  VARCHAR,
    event_date      DATE,
    date_precision  VARCHAR,                      -- day | week (Monday) | month | year | null
    aid_type        VARCHAR,
    response        VARCHAR,                      -- accepted | refused | deferred
    certainty       VARCHAR NOT NULL DEFAULT 'stated',
    evidence        VARCHAR,                      -- the sentence the event was coded from
    source_url      VARCHAR,
    source          VARCHAR NOT NULL,             -- article | annotation | gdelt
    confidence      DOUBLE,
    needs_review    BOOLEAN NOT NULL DEFAULT FALSE,
    num_mentions    INTEGER,                      -- GDELT NumMentions; null for our own articles
    num_sources     INTEGER,                      -- GDELT NumSources
    num_articles    INTEGER,                      -- GDELT NumArticles
    goldstein_scale DOUBLE,                       -- GDELT GoldsteinScale (-10 conflict .. +10 cooperation)
    avg_tone        DOUBLE,                       -- GDELT AvgTone of the reporting documents
    date_added      TIMESTAMP,                    -- GDELT DATEADDED: when GDELT first saw the event
    evidence_all    VARCHAR[],                    -- every sentence of the article reporting this act
    mentions        INTEGER NOT NULL DEFAULT 1,   -- how many times the article reports it
    incident_id     VARCHAR                       -- the act it reports: set by derive.sql (see incidents)
);

CREATE TABLE IF NOT EXISTS rejects (
    input   VARCHAR NOT NULL,
    reason  VARCHAR NOT NULL,
    detail  VARCHAR
);

CREATE TABLE IF NOT EXISTS etl_runs (
    started      TIMESTAMP NOT NULL,
    finished     TIMESTAMP NOT NULL,
    inputs       INTEGER NOT NULL,
    articles     INTEGER NOT NULL,
    events       INTEGER NOT NULL,
    rejects      INTEGER NOT NULL,
    annotations  INTEGER NOT NULL,
    version      VARCHAR NOT NULL
);

-- Reference cases from data/cases.toml. The texts are English; a `<text>_id` column holds the Bahasa
-- Indonesia text (NULL where the file gives none: the dashboard then shows the English one).
-- The layout this file was built with: a hash of schema.sql and derive.sql (etl.load.SCHEMA_VERSION).
-- The dashboard rebuilds a database whose layout is not its own instead of failing on a missing column.
CREATE TABLE IF NOT EXISTS schema_info (
    version  VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS cases (
    id               VARCHAR PRIMARY KEY,
    title            VARCHAR NOT NULL,
    crisis           VARCHAR NOT NULL,
    onset            DATE NOT NULL,
    onset_source     VARCHAR,
    window_start     DATE NOT NULL,
    window_end       DATE NOT NULL,
    focus_sender     VARCHAR NOT NULL,
    focus_recipient  VARCHAR NOT NULL,
    context          VARCHAR,                     -- free text shown on the comparison page
    title_id         VARCHAR,
    crisis_id        VARCHAR,
    onset_source_id  VARCHAR,
    context_id       VARCHAR
);

-- Display names of every actor code in events (CLDR English names; IGOs by acronym).
CREATE TABLE IF NOT EXISTS actors (
    code  VARCHAR PRIMARY KEY,
    name  VARCHAR NOT NULL
);

-- Incidents: the reports of one act (same type, sender and recipient, dates chained within a day)
-- grouped across articles and GDELT rows; filled by etl/derive.sql. An undated event, or one without
-- a sender, is an incident of its own. No key indexes: at a million events they would cost more than the
-- grouping itself; uniqueness is checked by tests/test_data_quality.py.
CREATE TABLE IF NOT EXISTS incidents (
    incident_id     VARCHAR NOT NULL,             -- unique; stable hash of type, dyad and earliest date
    event_type      VARCHAR NOT NULL,
    sender          VARCHAR,
    recipient       VARCHAR,
    event_date      DATE,                         -- the earliest date reported for the act
    last_date       DATE,                         -- the latest (a chain may span a few days)
    date_precision  VARCHAR,                      -- the finest precision among the reports
    n_events        INTEGER NOT NULL,             -- rows of events linked to it
    n_reports       INTEGER NOT NULL,             -- articles, plus GDELT's NumMentions
    n_outlets       INTEGER NOT NULL,             -- distinct outlets, plus GDELT's NumSources
    first_report    DATE,                         -- earliest publication (or GDELT DATEADDED)
    last_report     DATE,
    lead_event_id   VARCHAR NOT NULL,             -- the earliest report with evidence: shown for the act
    sources         VARCHAR NOT NULL              -- article, annotation, gdelt: which kinds back it
);

CREATE TABLE IF NOT EXISTS incident_events (
    incident_id  VARCHAR NOT NULL,
    event_id     VARCHAR NOT NULL                 -- every event is in exactly one incident
);

-- Events (with their incident_id) and their article's metadata: what every page reads.
CREATE OR REPLACE VIEW event_details AS
SELECT e.*,
       a.title    AS article_title,
       a.outlet   AS outlet,
       a.published AS published,
       a.language AS language,
       coalesce(a.summary, FALSE) AS is_summary
FROM events e
LEFT JOIN articles a ON a.id = e.article_id;

-- Each offer's answer, derived once per build by etl/derive.sql (see there for the rule).
CREATE TABLE IF NOT EXISTS offer_outcomes (
    event_id    VARCHAR PRIMARY KEY,              -- the offer
    outcome     VARCHAR NOT NULL,                 -- accepted | refused | deferred | thanked
    reply_id    VARCHAR,
    reply_date  DATE
);

-- Each offer with the recipient's answer to it, or 'no response yet'.
CREATE OR REPLACE VIEW offers AS
SELECT d.*,
       coalesce(x.outcome, 'no response yet') AS outcome,
       x.reply_id,
       x.reply_date
FROM event_details d
LEFT JOIN offer_outcomes x ON x.event_id = d.event_id
WHERE d.event_type = 'offer_aid';

-- Each offer incident's answer: the strongest reply any of its reports got (filled by derive.sql).
CREATE TABLE IF NOT EXISTS incident_outcomes (
    incident_id  VARCHAR NOT NULL,
    outcome      VARCHAR NOT NULL,                -- accepted | refused | deferred | thanked
    reply_id     VARCHAR,
    reply_date   DATE
);

-- Each offer incident with its answer, or 'no response yet': what offer counts are made of.
CREATE OR REPLACE VIEW offer_incidents AS
SELECT i.*,
       coalesce(x.outcome, 'no response yet') AS outcome,
       x.reply_id,
       x.reply_date
FROM incidents i
LEFT JOIN incident_outcomes x ON x.incident_id = i.incident_id
WHERE i.event_type = 'offer_aid';

-- Sender -> recipient pairs: incidents by type (each act once), reports, first and last date.
CREATE OR REPLACE VIEW dyads AS
SELECT sender, recipient,
       count(DISTINCT incident_id) AS incidents,
       count(*) AS events,
       count(DISTINCT incident_id) FILTER (WHERE event_type = 'offer_aid') AS offers,
       count(DISTINCT incident_id) FILTER (WHERE event_type = 'provide_aid') AS provisions,
       count(DISTINCT incident_id)
           FILTER (WHERE event_type IN ('accept_aid', 'decline_aid', 'express_gratitude')) AS responses,
       min(event_date) AS first_date,
       max(event_date) AS last_date
FROM events
WHERE sender IS NOT NULL AND recipient IS NOT NULL
GROUP BY sender, recipient;

-- Events inside each case's window, with days since the crisis onset.
CREATE OR REPLACE VIEW case_events AS
SELECT c.id AS case_id, d.*,
       date_diff('day', c.onset, d.event_date) AS day_offset
FROM cases c
JOIN event_details d
  ON d.event_date BETWEEN c.window_start AND c.window_end
 AND (d.sender IN (c.focus_sender, c.focus_recipient)
      OR d.recipient IN (c.focus_sender, c.focus_recipient));
