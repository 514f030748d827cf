-- Derived tables, filled once per build after the raw rows are loaded (etl.load.derive).
--
-- incidents / incident_events: reports of the same act across articles and GDELT rows. Within one
-- (event type, sender, recipient) the dated events are ordered by date, and a new incident starts
-- wherever the gap to the previous report exceeds one day, so reports chain within ±1 day. Undated
-- events and events without a sender cannot be matched and form incidents of their own. GDELT rows
-- count their NumMentions as reports and their NumSources as outlets, an article counts once.
-- Window functions over one sort (n log n, no self-join). Most incidents have a single report: those
-- are copied as they are, and only the rest are aggregated.
CREATE OR REPLACE TEMP TABLE _incident_member AS
WITH report AS (
    SELECT e.event_id, e.event_type, e.sender, e.recipient, e.event_date, e.date_precision,
           e.source, e.evidence, e.num_mentions, e.num_sources,
           coalesce(e.article_id, e.event_id) AS report_key,
           coalesce(a.outlet, e.article_id, e.event_id) AS outlet_key,
           coalesce(a.published, CAST(e.date_added AS DATE), e.event_date) AS reported,
           e.event_date IS NOT NULL AND e.sender IS NOT NULL AS matchable
    FROM events e
    LEFT JOIN articles a ON a.id = e.article_id
),
gap AS (
    SELECT *,
           NOT matchable
           OR coalesce(date_diff('day', lag(event_date) OVER act, event_date) > 1, TRUE) AS starts,
           NOT matchable
           OR coalesce(date_diff('day', event_date, lead(event_date) OVER act) > 1, TRUE) AS ends
    FROM report
    WINDOW act AS (PARTITION BY event_type, sender, recipient, matchable ORDER BY event_date, event_id)
),
chain AS (
    SELECT *, starts AND ends AS solo,
           max(CASE WHEN starts THEN event_date END) OVER (
               PARTITION BY event_type, sender, recipient, matchable
               ORDER BY event_date, event_id ROWS UNBOUNDED PRECEDING
           ) AS chain_start
    FROM gap
)
SELECT *,
       md5(CASE WHEN matchable
                THEN concat_ws('|', 'incident', event_type, sender, coalesce(recipient, '-'), chain_start)
                ELSE concat_ws('|', 'event', event_id) END)[:16] AS incident_id
FROM chain;

INSERT INTO incident_events
SELECT incident_id, event_id FROM _incident_member;

-- The incident of each event, on the event row too: pages count incidents without a join.
UPDATE events SET incident_id = m.incident_id
FROM _incident_member m
WHERE m.event_id = events.event_id;

INSERT INTO incidents
SELECT incident_id, event_type, sender, recipient, event_date, event_date, date_precision, 1,
       coalesce(num_mentions, 1), coalesce(num_sources, 1), reported, reported, event_id, source
FROM _incident_member
WHERE solo
UNION ALL
SELECT incident_id, event_type, sender, recipient,
       min(event_date),
       max(event_date),
       arg_min(date_precision, CASE date_precision WHEN 'day' THEN 0 WHEN 'week' THEN 1
                                                   WHEN 'month' THEN 2 WHEN 'year' THEN 3 ELSE 4 END),
       count(*),
       count(DISTINCT report_key) FILTER (WHERE num_mentions IS NULL) + coalesce(sum(num_mentions), 0),
       count(DISTINCT outlet_key) FILTER (WHERE num_sources IS NULL) + coalesce(sum(num_sources), 0),
       min(reported),
       max(reported),
       arg_min(event_id, (evidence IS NULL, event_date, reported, event_id)),
       string_agg(DISTINCT source, ', ' ORDER BY source)
FROM _incident_member
WHERE NOT solo
GROUP BY incident_id, event_type, sender, recipient;

DROP TABLE _incident_member;

-- offer_outcomes: each offer's answer from its recipient. Candidates are replies from the
-- recipient to the sender in the same article, or the nearest substantive reply (acceptance,
-- refusal, deferral) and the nearest thanks dated on or after the offer within 60 days, found
-- with ASOF joins so the cost grows with the number of offers, not offers x replies.
-- A substantive reply outranks thanks; then the earliest reply wins.
INSERT INTO offer_outcomes
WITH offer AS (
    SELECT event_id, article_id, sender, recipient, event_date
    FROM events
    WHERE event_type = 'offer_aid'
),
reply AS (
    SELECT event_id, article_id, sender, recipient, event_date,
           CASE WHEN event_type = 'accept_aid' THEN 'accepted'
                WHEN event_type = 'decline_aid' THEN coalesce(response, 'refused')
                ELSE 'thanked' END AS outcome,
           event_type <> 'express_gratitude' AS substantive
    FROM events
    WHERE event_type IN ('accept_aid', 'decline_aid', 'express_gratitude')
      AND sender IS NOT NULL AND recipient IS NOT NULL
),
dated_offer AS (
    SELECT * FROM offer WHERE event_date IS NOT NULL AND sender IS NOT NULL AND recipient IS NOT NULL
),
nearest_substantive AS (
    SELECT o.event_id, r.event_id AS reply_id, r.outcome, r.event_date AS reply_date, TRUE AS substantive
    FROM dated_offer o
    ASOF JOIN (SELECT * FROM reply WHERE substantive AND event_date IS NOT NULL) r
      ON o.recipient = r.sender AND o.sender = r.recipient AND o.event_date <= r.event_date
    WHERE r.event_date <= o.event_date + INTERVAL 60 DAY
),
nearest_thanks AS (
    SELECT o.event_id, r.event_id AS reply_id, r.outcome, r.event_date AS reply_date, FALSE AS substantive
    FROM dated_offer o
    ASOF JOIN (SELECT * FROM reply WHERE NOT substantive AND event_date IS NOT NULL) r
      ON o.recipient = r.sender AND o.sender = r.recipient AND o.event_date <= r.event_date
    WHERE r.event_date <= o.event_date + INTERVAL 60 DAY
),
same_article AS (
    SELECT o.event_id, r.event_id AS reply_id, r.outcome, r.event_date AS reply_date, r.substantive
    FROM offer o
    JOIN reply r
      ON r.article_id = o.article_id AND r.sender = o.recipient AND r.recipient = o.sender
),
candidate AS (
    SELECT * FROM nearest_substantive
    UNION ALL SELECT * FROM nearest_thanks
    UNION ALL SELECT * FROM same_article
)
SELECT event_id, outcome, reply_id, reply_date
FROM candidate
QUALIFY row_number() OVER (
    PARTITION BY event_id
    ORDER BY substantive DESC, reply_date NULLS LAST, reply_id
) = 1;

-- incident_outcomes: an offer incident takes the strongest answer any of its reports got: a
-- substantive reply before thanks, then the earliest reply.
INSERT INTO incident_outcomes
SELECT l.incident_id, o.outcome, o.reply_id, o.reply_date
FROM offer_outcomes o
JOIN incident_events l ON l.event_id = o.event_id
QUALIFY row_number() OVER (
    PARTITION BY l.incident_id
    ORDER BY o.outcome = 'thanked', o.reply_date NULLS LAST, o.reply_id
) = 1;
