"""Calls the Bedrock stub with botocore and prints one JSON line per call.

Usage: python3 live_botocore.py ENDPOINT ACCESS_KEY_ID SECRET (only ever a loopback endpoint).
"""
import json
import re
import sys

import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, access_key_id, secret = sys.argv[1:4]
if not re.fullmatch(r"http://127\.0\.0\.1:\d+", endpoint):
    raise SystemExit("not a loopback endpoint: " + endpoint)
MODEL = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0"
messages = [{"role": "user", "content": [{"text": "Hello from Python"}]}]
client = botocore.session.get_session().create_client(
    "bedrock-runtime", region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id=access_key_id,
    aws_secret_access_key=secret, config=Config(retries={"max_attempts": 1}))


def run(name, call):
    try:
        result = dict(name=name, ok=True, **call())
    except ClientError as e:
        result = dict(name=name, ok=False, error=e.response["Error"]["Code"],
                      status=e.response["ResponseMetadata"]["HTTPStatusCode"], message=e.response["Error"]["Message"])
    print(json.dumps(result), flush=True)


def converse():
    r = client.converse(modelId=MODEL, messages=messages)
    return dict(status=r["ResponseMetadata"]["HTTPStatusCode"], text=r["output"]["message"]["content"][0]["text"],
                stopReason=r["stopReason"])


def converse_stream():
    r = client.converse_stream(modelId=MODEL, messages=messages)
    text, stop = "", None
    for event in r["stream"]:
        text += event.get("contentBlockDelta", {}).get("delta", {}).get("text", "")
        stop = event.get("messageStop", {}).get("stopReason", stop)
    return dict(status=r["ResponseMetadata"]["HTTPStatusCode"], text=text, stopReason=stop)


run("converse", converse)
run("converse-stream", converse_stream)
