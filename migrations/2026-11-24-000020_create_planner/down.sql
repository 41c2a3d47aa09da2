DROP TABLE idea_keywords;
DROP TABLE content_ideas;
DROP TABLE keywords;
DROP TABLE clusters;
DROP TABLE seed_keywords;
