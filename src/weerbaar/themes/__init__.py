"""The collaboration agenda's five themes and their sub-topics: reference data every capability
classifies by (factsheets, contact entries, later knowledge and decisions)."""
