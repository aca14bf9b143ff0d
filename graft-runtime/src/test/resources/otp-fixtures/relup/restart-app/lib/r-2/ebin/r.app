{application,r,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['r.Both','r.New']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
