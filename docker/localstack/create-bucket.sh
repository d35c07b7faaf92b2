#!/usr/bin/env bash
# LocalStack ready hook (mounted into /etc/localstack/init/ready.d/): creates the lake's bucket
# once S3 answers. The consumer refuses to start on a missing bucket, as it would on AWS, and the
# localstack service only reports healthy when this bucket exists.
set -euo pipefail

bucket=${S3_BUCKET:-clickstream-bucket}
region=${AWS_DEFAULT_REGION:-us-east-1}

if awslocal s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then
  echo "create-bucket: s3://$bucket already exists"
else
  # `s3 mb` adds the LocationConstraint that regions other than us-east-1 need.
  awslocal s3 mb "s3://$bucket" --region "$region"
fi
