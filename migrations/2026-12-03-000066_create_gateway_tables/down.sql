DROP TABLE gateway_events;
DROP TABLE gateway_checkouts;
