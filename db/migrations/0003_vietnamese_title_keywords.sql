-- Existing installs were seeded with English-only decision-maker titles and seeds never overwrite rules, so add the
-- Vietnamese titles here (with and without accents) to the seeded rule, and log the change like an edit in Settings.
WITH vi(value) AS (
  SELECT '["giám đốc","giam doc","trưởng phòng","truong phong","trưởng ban","truong ban","chủ tịch","chu tich","nhà sáng lập","nha sang lap"]'::jsonb
), target AS (
  SELECT r.* FROM scoring_rules r
  WHERE r.name = 'Job title is a decision maker'
    AND r.condition->>'field' = 'jobTitle' AND r.condition->>'op' = 'contains'
    AND jsonb_typeof(r.condition->'value') = 'array' AND NOT (r.condition->'value' ? 'giám đốc')
), updated AS (
  UPDATE scoring_rules r
  SET condition = jsonb_set(r.condition, '{value}', r.condition->'value' || (SELECT value FROM vi)), updated_at = now()
  FROM target t WHERE r.id = t.id
  RETURNING r.*
)
INSERT INTO scoring_rule_changes (rule_id, before, after)
SELECT u.id,
  jsonb_build_object('id', t.id, 'name', t.name, 'kind', t.kind, 'eventType', t.event_type, 'condition', t.condition, 'points', t.points,
    'oncePerLead', t.once_per_lead, 'active', t.active, 'createdAt', t.created_at, 'updatedAt', t.updated_at),
  jsonb_build_object('id', u.id, 'name', u.name, 'kind', u.kind, 'eventType', u.event_type, 'condition', u.condition, 'points', u.points,
    'oncePerLead', u.once_per_lead, 'active', u.active, 'createdAt', u.created_at, 'updatedAt', u.updated_at)
FROM updated u JOIN target t ON t.id = u.id;
