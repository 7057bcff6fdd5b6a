"""The directory's public pages: profiles, the transparency page, the shortlist and compare."""
