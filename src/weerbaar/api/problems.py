"""The API's errors as application/problem+json; the response itself is built in
`weerbaar.core.problems`, so the platform's middleware answers in the same format."""

from weerbaar.core.problems import PROBLEM_TYPE, TITLES, problem

__all__ = ["PROBLEM_TYPE", "TITLES", "problem"]
