DROP TABLE gateway_charges;
DROP TABLE gateway_customers;
