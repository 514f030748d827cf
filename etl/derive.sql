-- Derived tables, filled once per build after the raw rows are loaded (etl.load.derive).
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
